// Credentials in plain environment values. ECS task-definition `environment` and Kubernetes literal
// `env` values are not secrets by design (anyone who can describe the task definition or get the
// Deployment reads them), so Parallax shows them; but a value that looks like a credential there is
// a finding in itself, and Parallax masks it in every API response (lib/security/mask.ts) and says
// so in the UI rather than spreading it further. Pure functions: no I/O, no clock.

/** Why a value was taken for a credential, as the UI words it ("AWS access key id"). */
export type CredentialKind = string;

const VALUE_PATTERNS: [RegExp, CredentialKind][] = [
  [/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/, 'AWS access key id'],
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, 'private key'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/, 'JSON web token'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]+:[^\s/?#@]+@/i, 'password in URL'],
  // key=value pairs in connection strings and query strings; "${VAR}" / "$VAR" placeholders are not values.
  [/(?:^|[\s;&,?])(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret)\s*[=:]\s*(?!\$|(?:true|false|on|off|yes|no|none)(?:$|[\s;&,]))[^\s;&,]+/i, 'password in value'],
  [/\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}|\bgithub_pat_[A-Za-z0-9_]{22,}/, 'GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}/, 'GitLab token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'Slack token'],
  [/\b[sr]k_live_[A-Za-z0-9]{16,}/, 'Stripe live key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'Google API key'],
];

/** Names that say "password": any real value under them is one, however short or simple. */
const PASSWORD_NAME = /(?:^|[_.-])(?:PASSWORD|PASSWD|PWD)$/i;
/** Names that say "secret": a long, random-looking value under them is taken for one. */
const SECRET_NAME = /(?:^|[_.-])(?:SECRET|SECRET_?KEY|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|KEY|CREDENTIALS?|AUTH)$/i;

/** Values that point at a secret rather than being one: placeholders, ARNs, file paths, plain URLs. */
function isReference(value: string): boolean {
  return /^\$\{?\w|^arn:|^\/|^file:|^https?:\/\/[^@]*$|^(?:true|false|yes|no|none|null|on|off)$/i.test(value.trim());
}

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function looksRandom(value: string): boolean {
  if (value.length < 16 || /\s/.test(value) || /^\d+$/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return classes >= 2 && entropy(value) >= 3;
}

/** The kind of credential `value` looks like under the env var / config key `name`, or undefined. */
export function detectCredential(name: string, value: string | undefined): CredentialKind | undefined {
  if (!value) return undefined;
  for (const [re, kind] of VALUE_PATTERNS) if (re.test(value)) return kind;
  if (isReference(value)) return undefined;
  if (PASSWORD_NAME.test(name)) return 'password';
  if (SECRET_NAME.test(name) && !/PUBLIC/i.test(name) && looksRandom(value)) return 'secret-like value';
  return undefined;
}

// The text that replaces a masked value in API responses. It keeps the kind (for the UI) and a
// keyed hash (equal values stay comparable within one server, e.g. for drift), never the value.
const MASK_RE = /^\[masked by Parallax: ([^;\]]+)(?:; hmac ([0-9a-f]+))?\]$/;

export function maskedText(kind: CredentialKind, hmac?: string): string {
  return `[masked by Parallax: ${kind}${hmac ? `; hmac ${hmac}` : ''}]`;
}

export function parseMasked(value: string | undefined): { kind: CredentialKind; hmac?: string } | undefined {
  const m = value ? MASK_RE.exec(value) : null;
  return m ? { kind: m[1], ...(m[2] ? { hmac: m[2] } : {}) } : undefined;
}

/** What the UI shows for a plain value: the value, or a mask with the reason. */
export type PlainValueView =
  | { masked: false; text: string }
  | { masked: true; kind: CredentialKind; by: 'server' | 'browser' };

/**
 * Used by every component that shows an env value or a config value. The server has masked
 * credentials already; detecting again here keeps a value out of the page even if some response
 * (an older server, a test fixture) was not masked.
 */
export function plainValueView(name: string, value: string | undefined): PlainValueView {
  const masked = parseMasked(value);
  if (masked) return { masked: true, kind: masked.kind, by: 'server' };
  const kind = detectCredential(name, value);
  return kind ? { masked: true, kind, by: 'browser' } : { masked: false, text: value ?? '' };
}
