// The server's own check of where it listens, at start (instrumentation.ts). scripts/dev.sh checks
// before Next starts; this catches a server started some other way (`next start` directly, whose
// default is every interface) and exits before it serves anything.
import net from 'node:net';
import { bindCheck, type BindCheck, type SecurityEnv } from './config';

/**
 * The addresses this process listens on. Node has no public API for a process's servers;
 * _getActiveHandles is undocumented but has been stable for a decade. Where it is missing, the
 * check falls back to HOST alone.
 */
export function listeningAddresses(): string[] {
  const getHandles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  const handles = typeof getHandles === 'function' ? getHandles.call(process) : [];
  const out: string[] = [];
  for (const h of handles) {
    if (!(h instanceof net.Server) || !h.listening) continue;
    const a = h.address();
    if (a && typeof a === 'object') out.push(a.address);
  }
  return out;
}

/** HOST (as dev.sh exports it) and every address actually listened on must pass bindCheck. */
export function startupBindCheck(env: SecurityEnv, listening: string[]): BindCheck {
  const hosts = [...new Set([...(env.HOST?.trim() ? [env.HOST.trim()] : []), ...listening])];
  const warnings: string[] = [];
  for (const host of hosts.length ? hosts : ['127.0.0.1']) {
    const r = bindCheck({ ...env, host });
    if (!r.ok) return r;
    warnings.push(...r.warnings);
  }
  return { ok: true, warnings: [...new Set(warnings)] };
}

/** Exits the process with the reason when the check fails. */
export function refuseUnsafeBind(env: SecurityEnv = process.env): void {
  const listening = listeningAddresses();
  const r = startupBindCheck(env, listening);
  if (!r.ok) {
    console.error(`parallax: ${r.error}`);
    process.exit(1);
  }
  for (const w of r.warnings) console.warn(`parallax: warning: ${w}`);
  console.log(`[parallax] listening on ${listening.join(', ') || env.HOST || '?'}; ${env.PARALLAX_TOKEN?.trim() ? 'access token required' : 'no access token (loopback only)'}`);
}
