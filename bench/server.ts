// The production server (`next start` from this worktree's build) with KUBECONFIG pointing at the
// bench's simulator process: time to a synced source, and its resident memory after the sync
// (VmRSS of the process listening on the port, from /proc, since `next start` may fork).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMsOf } from './sim';
import { sleep } from './stats';

export interface BenchServer { url: string; pid: number; syncMs: number; rssMb(): number; cpuMs(): number; stop(): Promise<void> }

function listenerPid(port: number): number | undefined {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const m = /pid=(\d+)/.exec(out);
  return m ? Number(m[1]) : undefined;
}

export function rssMbOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** `nodeArgs` go to the server's node (an inspector, a CPU profile on exit). */
export async function startServer(o: { port: number; kubeconfigPath: string; timeoutMs: number; nodeArgs?: string[] }): Promise<BenchServer> {
  if (!fs.existsSync('.next/BUILD_ID')) throw new Error('no production build: run `npx next build` first (the server and browser parts use it)');
  if (listenerPid(o.port)) throw new Error(`port ${o.port} is taken: pass --port`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-bench-server-'));
  // Only the bench's cluster: no demo, no AWS settings from the shell, a home with no kubeconfig.
  const env: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !k.startsWith('AWS_') && !k.startsWith('PARALLAX_')) as [string, string][]);
  Object.assign(env, { HOME: home, KUBECONFIG: o.kubeconfigPath, PARALLAX_DEMO: '0', PARALLAX_STATE_DIR: path.join(home, 'state'), HOST: '127.0.0.1', PORT: String(o.port), NODE_ENV: 'production' });
  const child: ChildProcess = spawn(process.execPath, [...(o.nodeArgs ?? []), 'node_modules/next/dist/bin/next', 'start', '--hostname', '127.0.0.1', '--port', String(o.port)], { env: env as NodeJS.ProcessEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const url = `http://127.0.0.1:${o.port}`;
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    await Promise.race([exited, sleep(10_000)]);
    fs.rmSync(home, { recursive: true, force: true });
  };
  const t0 = performance.now();
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log.join('')}`);
      if (performance.now() - t0 > o.timeoutMs) throw new Error(`the server's source did not sync in ${o.timeoutMs} ms:\n${log.join('').slice(-2000)}`);
      const health = await fetch(`${url}/api/health`).then((r) => r.json() as Promise<{ sources?: { state: string; reason?: string }[] }>).catch(() => undefined);
      const state = health?.sources?.[0]?.state;
      if (state === 'ok') break;
      if (state && state !== 'syncing') throw new Error(`the server's source is ${state}: ${health?.sources?.[0]?.reason ?? ''}`);
      await sleep(100);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  const syncMs = performance.now() - t0;
  const pid = listenerPid(o.port) ?? child.pid!;
  return { url, pid, syncMs, rssMb: () => rssMbOf(pid), cpuMs: () => cpuMsOf(pid), stop };
}
