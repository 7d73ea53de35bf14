// GET requests to the API server over client-node's authentication (tokens, token files, client
// certificates, exec plugins, basic auth, CA data), on one connection pool per cluster and TLS
// identity. client-node's applySecurityAuthentication builds a new undici Agent for every request,
// so every list page opened a new TLS connection, a full handshake on both sides: at 50,000 pods
// that was about a fifth of a full sync's time against the simulator, and a round trip or two per
// page more against a distant API server. Reusing the Agent keeps connections alive between pages.
import type https from 'node:https';
import { Agent, fetch, ProxyAgent, type Dispatcher } from 'undici';
import { HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { PARALLAX_USER_AGENT } from '@/lib/util/user-agent';

interface Pool {
  /** The TLS material and proxy the Agent was made with; another one (a rotated certificate) makes another Agent. */
  key: string;
  dispatcher: Dispatcher | undefined;
}

const pools = new WeakMap<KubeConfig, Pool>();

/**
 * The pooled dispatcher for this kubeconfig and TLS material, or null when client-node's own
 * per-request one must be used (a SOCKS proxy, whose connector client-node keeps private).
 */
function pooled(kc: KubeConfig, opts: https.RequestOptions): Dispatcher | undefined | null {
  const agentOptions: https.AgentOptions = { ca: opts.ca, cert: opts.cert, key: opts.key, pfx: opts.pfx, passphrase: opts.passphrase };
  // As client-node: unset unless configured, so that NODE_TLS_REJECT_UNAUTHORIZED still applies.
  if (opts.rejectUnauthorized !== undefined) agentOptions.rejectUnauthorized = opts.rejectUnauthorized;
  if (opts.servername !== undefined) agentOptions.servername = opts.servername;
  const d = kc.createDispatcherOptions(kc.getCurrentCluster(), agentOptions);
  if (d.type === 'socks') return null;
  const key = JSON.stringify(d); // Buffers (CA, certificate, key) as their bytes
  const pool = pools.get(kc);
  if (pool?.key === key) return pool.dispatcher;
  const dispatcher = d.type === 'agent' ? new Agent({ connect: d.connect })
    : d.type === 'proxy' ? new ProxyAgent({ uri: d.uri, requestTls: d.requestTls, connect: d.connect })
    : undefined;
  // Requests already on the old pool finish; it opens no new connection.
  void pool?.dispatcher?.close().catch(() => undefined);
  pools.set(kc, { key, dispatcher });
  return dispatcher;
}

/** A GET over client-node's authentication, on the kubeconfig's pooled connections (lists, watches, one object, logs). */
export async function authorizedGet(kc: KubeConfig, url: URL, signal: AbortSignal) {
  const opts: https.RequestOptions = {};
  // Runs the exec plugin or reads the token file as client-node does for its own calls.
  await kc.applyToHTTPSOptions(opts);
  const headers: Record<string, string> = {};
  // As applySecurityAuthentication: basic auth first, then the headers authentication set (a token wins).
  if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
  for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) headers[k] = String(v);
  headers['User-Agent'] = PARALLAX_USER_AGENT;
  headers.Accept = 'application/json';
  let dispatcher = pooled(kc, opts);
  if (dispatcher === null) {
    const ctx = new RequestContext(url.toString(), HttpMethod.GET);
    await kc.applySecurityAuthentication(ctx);
    dispatcher = ctx.getDispatcher() as Dispatcher | undefined;
  }
  return fetch(url, { method: 'GET', headers, dispatcher, signal });
}
