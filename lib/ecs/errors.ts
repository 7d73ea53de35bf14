// Classification of AWS SDK v3 failures for the ECS adapter.
// - down: nothing can be read (credentials invalid/expired, endpoint unreachable): the whole source.
// - forbidden: IAM denies one operation (AccessDenied*, UnauthorizedOperation on EC2): that kind only.
// - throttled: the service asked us to slow down (after the SDK's own retries): that kind only, and
//   the source is degraded and polls less often, never down (the service is up).
// - error: anything else (5xx, timeouts past the call's deadline, malformed replies): that kind only.
import { DeadlineError } from '@/lib/util/clock';
import { findErrorCode } from '@/lib/inventory/source-error';

export type FailureClass = 'down' | 'forbidden' | 'throttled' | 'error';

export class EcsCallError extends Error {
  readonly operation: string;
  readonly status?: number;
  readonly code?: string;
  readonly failure: FailureClass;
  constructor(opts: { operation: string; status?: number; code?: string; message: string; failure: FailureClass; cause?: unknown }) {
    super(opts.message, { cause: opts.cause });
    this.name = 'EcsCallError';
    this.operation = opts.operation;
    this.status = opts.status;
    this.code = opts.code;
    this.failure = opts.failure;
  }
}

const CREDENTIAL_CODES = new Set([
  'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidClientTokenId',
  'CredentialsProviderError', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'AuthFailure',
  'MissingAuthenticationToken', 'IncompleteSignature', 'TokenRefreshRequired',
]);
/** What each AWS service answers when it throttles (the SDK's own list, plus HTTP 429). */
const THROTTLING_CODES = new Set([
  'ThrottlingException', 'Throttling', 'ThrottledException', 'RequestThrottledException', 'RequestThrottled',
  'TooManyRequestsException', 'RequestLimitExceeded', 'SlowDown', 'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded', 'LimitExceededException', 'PriorRequestNotComplete', 'EC2ThrottledException', 'TransactionInProgressException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH']);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number };
}

/** The network error code (ECONNREFUSED...) anywhere in the cause chain or an AggregateError. */
const networkCode = (err: unknown) => findErrorCode(err, (code) => NETWORK_CODES.has(code))?.code;

export interface ClassifyContext {
  profile: string;
  endpoint?: string;
  region: string;
}

/** Wraps any thrown value into an EcsCallError carrying the operation, HTTP status and a human reason. */
export function classifyError(operation: string, err: unknown, ctx: ClassifyContext): EcsCallError {
  if (err instanceof EcsCallError) return err;
  if (err instanceof DeadlineError) {
    const where = ctx.endpoint ?? `the AWS endpoint for ${ctx.region}`;
    return new EcsCallError({ operation, code: 'TimeoutError', message: `${err.message} (${where})`, failure: 'error', cause: err });
  }
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as SdkLikeError;
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const code = e.name && e.name !== 'Error' ? e.name : (e.Code ?? e.code);
  const raw = e.message || code || 'unknown error';
  const net = networkCode(err);
  if (net) {
    const where = ctx.endpoint ?? `the AWS endpoint for ${ctx.region}`;
    const hint = ctx.endpoint ? ' — is the emulator running?' : '';
    const what = net === 'ECONNREFUSED' ? 'connection refused' : `cannot connect (${net})`;
    return new EcsCallError({ operation, code: net, message: `${what} at ${where}${hint}`, failure: 'down', cause: err });
  }
  if ((code && CREDENTIAL_CODES.has(code)) || e.name === 'CredentialsProviderError' || /security token included in the request is expired/i.test(raw)) {
    const expired = /expired/i.test(`${code} ${raw}`);
    const who = ctx.profile === 'default' ? 'the default credential chain' : `profile ${ctx.profile}`;
    const fix = ctx.profile === 'default' ? 'refresh your credentials (aws sso login, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)' : `run aws sso login --profile ${ctx.profile}`;
    const message = expired
      ? `AWS credentials expired for ${who}: ${fix}`
      : `AWS credentials invalid or missing for ${who} (${code ?? 'CredentialsProviderError'}: ${raw}): ${fix}`;
    return new EcsCallError({ operation, status, code, message, failure: 'down', cause: err });
  }
  if (code && (/^AccessDenied/.test(code) || code === 'UnauthorizedOperation' || code === 'UnauthorizedException')) {
    return new EcsCallError({ operation, status, code, message: `${operation}: ${code}: ${raw}`, failure: 'forbidden', cause: err });
  }
  const throttled = (code !== undefined && THROTTLING_CODES.has(code)) || status === 429;
  return new EcsCallError({ operation, status, code, message: `${operation}${status ? ` (HTTP ${status})` : ''}: ${code && code !== raw ? `${code}: ` : ''}${raw}`, failure: throttled ? 'throttled' : 'error', cause: err });
}
