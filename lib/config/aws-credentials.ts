// Whether an ECS source has AWS credentials is the AWS SDK's own answer: its default provider chain
// (environment keys, the shared config/credentials files, SSO, credential_process, web identity,
// the container role, the instance role) is asked once at start, under a deadline, because the
// instance-metadata probe can hang on a network that drops packets to 169.254.169.254.
// Nothing here reads a credential file or an environment variable itself, and no credential value
// leaves this module: only whether the chain answered and, if not, why.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { formatDuration, systemClock, type Clock } from '@/lib/util/clock';

/** What the chain is asked for: a named profile, or (absent) the SDK's default (AWS_PROFILE, else env keys, else default). */
export interface CredentialRequest {
  profile?: string;
  /** The shared files, when not the SDK's own default (~/.aws/config, ~/.aws/credentials, or AWS_CONFIG_FILE...). */
  configFile?: string;
  credentialsFile?: string;
}

/**
 * Resolves credentials or rejects with the chain's reason. `trail` receives the chain's own
 * explanations as it tries each link ("Could not resolve credentials using profile: [ghost]…").
 */
export type CredentialResolver = (req: CredentialRequest, trail: (line: string) => void) => Promise<unknown>;

export type CredentialCheck = { ok: true } | { ok: false; reason: string; hint: string };

export const DEFAULT_CREDENTIALS_TIMEOUT_MS = 5_000;

/** The SDK's default chain, as lib/ecs/clients.ts uses it; a bounded instance-metadata probe. */
export const sdkCredentialResolver: CredentialResolver = (req, trail) => {
  const logger = {
    // The chain explains each link it skips at debug level, as "-> reason"; nothing it logs is a credential.
    debug: (...args: unknown[]) => { for (const a of args) if (typeof a === 'string' && a.includes('-> ')) trail(a.slice(a.indexOf('-> ') + 3)); },
    info: () => {}, warn: () => {}, error: () => {},
  };
  return defaultProvider({
    ...(req.profile ? { profile: req.profile } : {}),
    ...(req.configFile ? { configFilepath: req.configFile } : {}),
    ...(req.credentialsFile ? { filepath: req.credentialsFile } : {}),
    // Instance metadata: one try, one second (the SDK's own defaults, stated so they stay bounded).
    timeout: 1_000,
    maxRetries: 0,
    logger,
  })();
};

// Links of the chain that are skipped when not set up: their messages say nothing about this profile.
const UNINFORMATIVE = /skipping|not specified|unable to find environment|v1 fallback|not set in env|checking config file/i;

const who = (profile?: string) => (profile ? `profile "${profile}"` : 'the default AWS credential chain');

/** What to do when the chain finds nothing: name the profile and the usual fixes. */
export function credentialHint(profile?: string): string {
  return profile
    ? `define [profile ${profile}] in ~/.aws/config (or AWS_CONFIG_FILE), run "aws configure --profile ${profile}" or "aws sso login --profile ${profile}", or set AWS_PROFILE to a profile that exists`
    : 'set AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run "aws configure"; on AWS, attach a task or instance role';
}

/**
 * Asks the chain once, for at most `timeoutMs` on `clock`. The reason names the profile and the
 * most telling message of the chain (the first link that was configured and failed).
 */
export async function checkAwsCredentials(req: CredentialRequest, o: { resolve: CredentialResolver; timeoutMs?: number; clock?: Clock }): Promise<CredentialCheck> {
  const clock = o.clock ?? systemClock;
  const ms = o.timeoutMs ?? DEFAULT_CREDENTIALS_TIMEOUT_MS;
  const trail: string[] = [];
  let timer: ReturnType<Clock['setTimeout']> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => { timer = clock.setTimeout(() => resolve('timeout'), ms); });
  const telling = () => trail.find((l) => !UNINFORMATIVE.test(l));
  try {
    const answer = await Promise.race([o.resolve(req, (l) => trail.push(l)).then(() => 'ok' as const), timedOut]);
    if (answer === 'ok') return { ok: true };
    const last = telling();
    return {
      ok: false,
      reason: `${who(req.profile)}: the AWS SDK found no credentials within ${formatDuration(ms)}${last ? ` (${last})` : ' (instance metadata or SSO did not answer)'}`,
      hint: `${credentialHint(req.profile)}; PARALLAX_AWS_CREDENTIALS_TIMEOUT_MS allows longer`,
    };
  } catch (e) {
    const message = (e as Error).message;
    const detail = telling() ?? message;
    return { ok: false, reason: `${who(req.profile)}: the AWS SDK found no credentials (${detail})`, hint: credentialHint(req.profile) };
  } finally {
    if (timer) clock.clearTimeout(timer);
  }
}
