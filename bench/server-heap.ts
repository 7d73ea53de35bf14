// Where the production server's memory goes after a sync (issue 9): the simulator in its own
// process with N pods, the server (`next start`, from a build) with its inspector open; prints the
// RSS at intervals after the sync (V8 returns the list's garbage only when its memory reducer runs),
// then process.memoryUsage() and the V8 heap spaces before and after a full GC, and optionally
// writes a heap snapshot for Chrome DevTools or a script.
// Run: node --experimental-websocket --import tsx bench/server-heap.ts [pods] [--wait 120] [--snapshot FILE]
// [--node-arg=--some-v8-flag ...] (flags for the server's node, to compare settings)
// (not part of npm test; Node 20 needs --experimental-websocket for the inspector's WebSocket)
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { startServer } from './server';
import { startSimProcess } from './sim';
import { sleep } from './stats';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { wait: { type: 'string', default: '60' }, snapshot: { type: 'string' }, port: { type: 'string', default: '3632' }, inspect: { type: 'string', default: '9330' }, 'node-arg': { type: 'string', multiple: true, default: [] } } });
const pods = Number(positionals[0] ?? 50_000);

/** The inspector protocol over its WebSocket: commands, and heap snapshot chunks to a sink. */
class Inspector {
  private id = 0;
  private readonly waiting = new Map<number, (v: unknown) => void>();
  onChunk?: (chunk: string) => void;
  constructor(private readonly ws: WebSocket) {
    ws.onmessage = (e) => {
      const m = JSON.parse(String(e.data)) as { id?: number; method?: string; params?: { chunk: string }; result?: unknown; error?: unknown };
      if (m.method === 'HeapProfiler.addHeapSnapshotChunk') this.onChunk?.(m.params!.chunk);
      if (m.id && this.waiting.has(m.id)) {
        this.waiting.get(m.id)!(m.result ?? m.error);
        this.waiting.delete(m.id);
      }
    };
  }
  send<T>(method: string, params: object = {}): Promise<T> {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((r) => this.waiting.set(id, r as (v: unknown) => void));
  }
  async memory(): Promise<string> {
    const expression = `JSON.stringify({ ...process.memoryUsage(), spaces: process.mainModule.require('v8').getHeapSpaceStatistics().filter((s) => s.space_size).map((s) => [s.space_name, s.space_size, s.space_used_size]) })`;
    const r = await this.send<{ result: { value: string } }>('Runtime.evaluate', { expression });
    const m = JSON.parse(r.result.value) as Record<string, number> & { spaces: [string, number, number][] };
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
    return `heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}; spaces (committed/used): ${m.spaces.map(([n, size, used]) => `${n} ${mb(size)}/${mb(used)}`).join(', ')}`;
  }
}

async function connect(port: number): Promise<Inspector> {
  for (;;) {
    const list = (await fetch(`http://127.0.0.1:${port}/json/list`).then((r) => r.json()).catch(() => undefined)) as { webSocketDebuggerUrl: string }[] | undefined;
    if (list?.length) {
      const ws = new WebSocket(list[0].webSocketDebuggerUrl);
      await new Promise((r) => (ws.onopen = r));
      return new Inspector(ws);
    }
    await sleep(50);
  }
}

async function main() {
  const sim = await startSimProcess(pods);
  try {
    const inspect = Number(values.inspect);
    const server = await startServer({ port: Number(values.port), kubeconfigPath: sim.kubeconfigPath, timeoutMs: 600_000, nodeArgs: [`--inspect=127.0.0.1:${inspect}`, ...values['node-arg']] });
    try {
      console.log(`${pods} pods: the server's source synced ${(server.syncMs / 1000).toFixed(1)} s after start; RSS ${server.rssMb().toFixed(0)} MB`);
      const inspector = await connect(inspect);
      for (let t = 0; t < Number(values.wait); t += 10) {
        await sleep(10_000);
        console.log(`  ${t + 10} s after the sync: RSS ${server.rssMb().toFixed(0)} MB`);
      }
      console.log(`  before a full GC: ${await inspector.memory()}`);
      await inspector.send('HeapProfiler.collectGarbage');
      console.log(`  after a full GC: RSS ${server.rssMb().toFixed(0)} MB; ${await inspector.memory()}`);
      if (values.snapshot) {
        const out = fs.createWriteStream(values.snapshot);
        inspector.onChunk = (c) => out.write(c);
        await inspector.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
        await new Promise((r) => out.end(r));
        console.log(`  heap snapshot written to ${values.snapshot}`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await sim.stop();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
