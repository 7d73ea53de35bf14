// Embedded ECS simulator: a real HTTP server speaking the wire protocols of ECS, EC2, ELBv2,
// Application Auto Scaling, Secrets Manager, SSM, CloudWatch Logs and CloudWatch (GetMetricData),
// for the real AWS SDK v3 clients and the aws CLI (via `endpoint` / `--endpoint-url` /
// AWS_ENDPOINT_URL). A scheduler tick makes services run tasks, roll out deployments and write
// events, which moto does not.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startScheduler } from './scheduler';
import { createHandler, FaultTable, type Faults, type RequestRecord } from './server';
import { SimState } from './state';
import { registerSimulator } from '../registry';

export interface EcsSimulatorOptions {
  host?: string;
  port?: number;
  region?: string;
  accountId?: string;
  /** Scheduler interval in ms (default 500). */
  tickMs?: number;
  /** Time a task spends in each of PROVISIONING and PENDING (and STOPPING) in ms (default 1000). */
  stepMs?: number;
  /** The simulator's clock (ms): task times, log lines and metric samples follow it (default Date.now). */
  now?: () => number;
}

export interface EcsSimulator {
  url: string;
  region: string;
  accountId: string;
  requests: RequestRecord[];
  faults: Faults;
  /** The live state, for tests and seeding that need to look behind the API. */
  state: SimState;
  stop(): Promise<void>;
}

export type { Faults, RequestRecord };
export { SimState };

export async function startEcsSimulator(opts: EcsSimulatorOptions = {}): Promise<EcsSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const region = opts.region ?? 'us-east-1';
  const accountId = opts.accountId ?? '000000000000';
  const state = new SimState(region, accountId, opts.now);
  const faults = new FaultTable();
  const requests: RequestRecord[] = [];
  const held = new Set<http.ServerResponse>();
  const handler = createHandler(state, faults, requests, held);
  const server = http.createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      console.error('[ecs-sim] request failed', err);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const scheduler = startScheduler(state, opts.tickMs ?? 500, opts.stepMs ?? 1000);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  registerSimulator({ platform: 'ecs', url, requests });
  return {
    url,
    region,
    accountId,
    requests,
    faults,
    state,
    stop: async () => {
      scheduler.stop();
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
