// moto's server (an AWS API emulator, `pip install 'moto[server]'`) on a free loopback port, for
// the tests that check the ECS adapter and the seeder against a second implementation of the APIs.
// Without moto_server those tests skip loudly; under CI (process.env.CI) they fail instead.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { waitFor } from './wait';

export const MOTO_MISSING = "moto_server not found: pip install 'moto[server]' to run the moto tests";

export function motoAvailable(): boolean {
  return spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).status === 0;
}

/**
 * Whether a `describe` that needs moto should run: when moto_server is installed, and always under
 * CI (where startMoto then fails). Otherwise it warns, naming `file`, and the describe skips.
 */
export function motoTests(file: string): boolean {
  if (motoAvailable() || process.env.CI) return true;
  console.warn(`\n*** [${file}] SKIPPED: ${MOTO_MISSING} ***\n`);
  return false;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface Moto {
  url: string;
  stop(): Promise<void>;
}

export async function startMoto(timeoutMs = 20_000): Promise<Moto> {
  if (!motoAvailable()) throw new Error(`${MOTO_MISSING} (required under CI)`);
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL'); }, 3000).unref();
  });
  let state: 'up' | 'exited';
  try {
    // Not listening yet: fetch throws, and waitFor tries again.
    state = await waitFor(`moto_server on ${url}`, async () => {
      if (child.exitCode !== null) return 'exited' as const;
      return (await fetch(`${url}/moto-api/`)).status < 500 && ('up' as const);
    }, timeoutMs, 150);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}; stderr: ${stderr}`, { cause: e });
  }
  if (state === 'exited') throw new Error(`moto_server exited (${child.exitCode}): ${stderr}`);
  return { url, stop };
}
