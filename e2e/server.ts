import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

// A second Parallax (or any command) in its own process group, with its output kept for the test.

export interface Proc { child: ChildProcess; log: string[]; exited: Promise<number | null> }

export function startProcess(cmd: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(cmd, args, { cwd: process.cwd(), env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  child.stdout!.on('data', (b: Buffer) => log.push(b.toString()));
  child.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, log, exited };
}

export function stopProcess(p: Proc, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (p.child.pid && p.child.exitCode === null) {
    try { process.kill(-p.child.pid, signal); } catch { /* already gone */ }
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Polls until fn returns a value; fails early with the process's output if it exits. */
export async function waitUntil<T>(what: string, fn: () => Promise<T | undefined>, p: Proc, ms = 90_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (p.child.exitCode !== null) throw new Error(`exited (${p.child.exitCode}) while waiting for ${what}:\n${p.log.join('')}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}:\n${p.log.join('')}`);
}
