// The bench's side of the simulator process (bench/sim-process.ts): start it, wait until its
// controller is idle, talk HTTP to it (reads for the raw-list baseline, writes for the browser
// part's scale-ups: the simulator is the test's world), read its CPU time, stop it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { ClusterShape } from './cluster';

export interface SimProcess {
  url: string;
  pid: number;
  shape: ClusterShape;
  kubeconfigPath: string;
  kubeconfigYaml: string;
  context: string;
  /** User + system CPU milliseconds the simulator process has used so far. */
  cpuMs(): number;
  request(method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: string }>;
  /** Lists a resource in pages of `limit` as kubectl does, counting the bytes and discarding them. */
  rawPagedList(urlPath: string, limit: number): Promise<{ bytes: number; pages: number }>;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU milliseconds a process has used so far. */
export function cpuMsOf(pid: number): number {
  // /proc/<pid>/stat: fields 14 and 15 (utime, stime) after the parenthesised command name.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** `nodeArgs` go to the simulator's node (a CPU profile of it: ['--cpu-prof', '--cpu-prof-dir=DIR']). */
export async function startSimProcess(pods: number, context = 'bench', nodeArgs: string[] = []): Promise<SimProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-bench-'));
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(__dirname, 'sim-process.ts'), '--pods', String(pods), '--kubeconfig', kubeconfigPath, '--context', context], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const info = await new Promise<{ url: string; token: string; caData: string; shape: ClusterShape }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /^READY (.*)$/m.exec(out);
      if (m) resolve(JSON.parse(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`simulator process exited (${code}) before it was ready: ${out}`)));
  });
  // An agent per use: a kept-alive socket left idle while kubectl runs may be closed by the server
  // just as it is reused (ECONNRESET). A paged list keeps its connection alive, as clients do.
  const ca = Buffer.from(info.caData, 'base64').toString();
  const newAgent = (keepAlive: boolean) => new https.Agent({ ca, keepAlive });
  const headers = { authorization: `Bearer ${info.token}`, accept: 'application/json' };

  const send = (agent: https.Agent, method: string, urlPath: string, body: unknown, onData: (d: Buffer) => void) => new Promise<number>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = https.request(`${info.url}${urlPath}`, {
      method, agent,
      headers: { ...headers, ...(payload ? { 'content-type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' } : {}) },
    }, (res) => {
      res.on('data', onData);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });

  const sim: SimProcess = {
    url: info.url, pid: child.pid!, shape: info.shape, kubeconfigPath, context,
    kubeconfigYaml: fs.readFileSync(kubeconfigPath, 'utf8'),
    cpuMs: () => cpuMsOf(child.pid!),
    async request(method, urlPath, body) {
      const chunks: Buffer[] = [];
      const agent = newAgent(false);
      try {
        const status = await send(agent, method, urlPath, body, (d) => chunks.push(d));
        return { status, body: Buffer.concat(chunks).toString() };
      } finally {
        agent.destroy();
      }
    },
    async rawPagedList(urlPath, limit) {
      let bytes = 0;
      let pages = 0;
      let cont = '';
      const agent = newAgent(true);
      try {
        do {
          // The continue token is in the list's metadata, before the items: read it off the first
          // bytes of the page and drop the rest unparsed.
          let head = '';
          const q = `?limit=${limit}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`;
          const status = await send(agent, 'GET', `${urlPath}${q}`, undefined, (d) => {
            bytes += d.length;
            if (head.length < 4096) head += d.toString('latin1', 0, Math.min(d.length, 4096));
          });
          if (status !== 200) throw new Error(`raw list ${urlPath}: HTTP ${status}`);
          pages++;
          const items = head.indexOf('"items"');
          cont = /"continue":"([^"]*)"/.exec(items < 0 ? head : head.slice(0, items))?.[1] ?? '';
        } while (cont);
      } finally {
        agent.destroy();
      }
      return { bytes, pages };
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  await waitIdle(sim);
  return sim;
}

/** Waits until the simulator's resourceVersion stays put for a second: its controller has settled. */
async function waitIdle(sim: SimProcess): Promise<void> {
  const rv = async () => {
    const r = await sim.request('GET', '/api/v1/namespaces?limit=1');
    return (JSON.parse(r.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  };
  let last = await rv();
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await rv();
    if (now === last) return;
    last = now;
  }
  throw new Error('the simulator never settled: its controller keeps writing');
}
