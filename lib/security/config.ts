// Security settings from the environment, and the rule for where the server may listen.
import { allowedHosts, isLoopbackAddress, type AllowedHost } from './host';
import { MIN_TOKEN_LENGTH, sessionValue } from './token';

export interface SecurityConfig {
  /** PARALLAX_TOKEN; undefined = no token (loopback only). */
  token?: string;
  /** The cookie value a login sets for this token. */
  session?: string;
  allowedHosts: AllowedHost[];
}

/** PARALLAX_TOKEN, PARALLAX_ALLOWED_HOSTS and HOST are read. */
export type SecurityEnv = Record<string, string | undefined>;

export function securityConfig(env: SecurityEnv): SecurityConfig {
  const token = env.PARALLAX_TOKEN?.trim() || undefined;
  return {
    token,
    session: token ? sessionValue(token) : undefined,
    allowedHosts: allowedHosts({ allowed: env.PARALLAX_ALLOWED_HOSTS, bindHost: env.HOST }),
  };
}

export type BindCheck = { ok: true; warnings: string[] } | { ok: false; error: string };

/**
 * May the server listen on `host` with this environment? Loopback always (a token, if set, must
 * be long enough); anything else (0.0.0.0, ::, a LAN address, a name) only with PARALLAX_TOKEN,
 * since whoever reaches the port would otherwise read every cluster's inventory.
 */
export function bindCheck(env: SecurityEnv & { host: string }): BindCheck {
  const token = env.PARALLAX_TOKEN?.trim();
  if (token !== undefined && token !== '' && token.length < MIN_TOKEN_LENGTH) {
    return { ok: false, error: `PARALLAX_TOKEN is ${token.length} characters; use at least ${MIN_TOKEN_LENGTH} (for example: openssl rand -hex 32)` };
  }
  if (isLoopbackAddress(env.host)) return { ok: true, warnings: [] };
  if (!token) {
    return {
      ok: false,
      error: `refusing to listen on ${env.host} without PARALLAX_TOKEN: anyone who can reach this address would read every cluster's inventory. `
        + 'Set PARALLAX_TOKEN (for example: export PARALLAX_TOKEN=$(openssl rand -hex 32)) and PARALLAX_ALLOWED_HOSTS (the names users type), or keep HOST=127.0.0.1.',
    };
  }
  const warnings: string[] = [];
  if (!env.PARALLAX_ALLOWED_HOSTS?.trim() && /^(0\.0\.0\.0|::|\[::\])$/.test(env.host.trim())) {
    warnings.push(`listening on ${env.host}, but only Host names localhost, 127.0.0.1 and [::1] are answered: set PARALLAX_ALLOWED_HOSTS to the names and addresses users type (e.g. parallax.example.com,10.0.0.5)`);
  }
  return { ok: true, warnings };
}
