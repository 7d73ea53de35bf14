// AWS Secrets Manager (AWS JSON 1.1, X-Amz-Target: secretsmanager.<Op>, PascalCase members,
// epoch-seconds timestamps). Enough for a seeder to write secrets and for a reader to read them:
// CreateSecret, PutSecretValue, GetSecretValue, DescribeSecret.
// Protocol facts kept here:
// - A secret's ARN ends in `secret:<name>-<6 random characters>`. SecretId may be the name, the
//   full ARN, or the "partial ARN" without the random suffix.
// - Versions carry staging labels; a new AWSCURRENT version moves AWSPREVIOUS onto the old one.
// - Every client error is HTTP 400 with `{"__type": ..., "message": ...}` (moto answers 404 for
//   ResourceNotFoundException; the API reference says 400).
// - KMS is not simulated. A KmsKeyId containing `denied` stands for a key the caller may not use:
//   GetSecretValue then fails with DecryptionFailure, as on AWS.
import { randomBytes } from 'node:crypto';
import { uuid } from './arns';
import { ApiError } from './errors';
import { secs } from './ecs-shapes';
import type { Json, Params } from './params';
import type { SimState } from './state';

export const SECRETS_MANAGER_TARGET_PREFIX = 'secretsmanager.';

interface SecretVersion {
  id: string;
  /** What a client stored. The simulator plays the service, so it holds values; Parallax never does. */
  string?: string;
  /** Base64, as on the wire. */
  binary?: string;
  stages: string[];
  createdAt: number;
}

export interface SimSecret {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags: { Key: string; Value: string }[];
  createdAt: number;
  lastChangedAt: number;
  versions: SecretVersion[];
}

type Handler = (state: SimState, p: Params) => Json;

const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const notFound = (what = "Secrets Manager can't find the specified secret."): ApiError => new ApiError('ResourceNotFoundException', what);
const invalidParameter = (message: string): ApiError => new ApiError('InvalidParameterException', message);

function randomSuffix(): string {
  return [...randomBytes(6)].map((b) => SUFFIX_CHARS[b % SUFFIX_CHARS.length]).join('');
}

/** The secret a SecretId names: its name, its full ARN, or its ARN without the random suffix. */
export function findSecret(state: SimState, secretId: string): SimSecret | undefined {
  if (!secretId.startsWith('arn:')) return [...state.secrets.values()].find((s) => s.name === secretId);
  return state.secrets.get(secretId) ?? [...state.secrets.values()].find((s) => s.arn.slice(0, -7) === secretId);
}

function secret(state: SimState, p: Params): SimSecret {
  const s = findSecret(state, p.reqStr('SecretId'));
  if (!s) throw notFound();
  return s;
}

function value(p: Params): { string?: string; binary?: string } {
  const string = p.str('SecretString');
  const binary = p.str('SecretBinary');
  if (string !== undefined && binary !== undefined) throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  if (binary !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(binary)) throw new ApiError('SerializationException', 'SecretBinary must be base64-encoded');
  return { ...(string !== undefined ? { string } : {}), ...(binary !== undefined ? { binary } : {}) };
}

/**
 * Adds a version with these staging labels, taking them from the versions that had them; when
 * AWSCURRENT moves, the version that had it becomes AWSPREVIOUS. A version left without labels is
 * dropped (Secrets Manager keeps it as deprecated for a while; nothing here reads those).
 * ClientRequestToken is the version id: repeating it with the same value is a no-op.
 */
function addVersion(state: SimState, s: SimSecret, v: { string?: string; binary?: string }, id: string, stages: string[]): SecretVersion {
  const same = s.versions.find((x) => x.id === id);
  if (same) {
    if (same.string === v.string && same.binary === v.binary) return same;
    throw new ApiError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.");
  }
  const previousCurrent = stages.includes('AWSCURRENT') ? s.versions.find((x) => x.stages.includes('AWSCURRENT')) : undefined;
  const moved = new Set([...stages, ...(previousCurrent ? ['AWSPREVIOUS'] : [])]);
  for (const old of s.versions) old.stages = old.stages.filter((x) => !moved.has(x));
  previousCurrent?.stages.push('AWSPREVIOUS');
  const version: SecretVersion = { id, ...v, stages: [...stages], createdAt: state.now() };
  s.versions = [...s.versions.filter((x) => x.stages.length), version];
  s.lastChangedAt = state.now();
  return version;
}

const createSecret: Handler = (state, p) => {
  const name = p.reqStr('Name');
  if (!NAME.test(name)) throw invalidParameter('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  if (findSecret(state, name)) throw new ApiError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
  const v = value(p);
  const now = state.now();
  const s: SimSecret = {
    arn: `arn:aws:secretsmanager:${state.region}:${state.accountId}:secret:${name}-${randomSuffix()}`,
    name,
    ...(p.str('Description') !== undefined ? { description: p.str('Description') } : {}),
    ...(p.str('KmsKeyId') !== undefined ? { kmsKeyId: p.str('KmsKeyId') } : {}),
    tags: (p.objList('Tags') ?? []).map((t) => ({ Key: String(t.Key ?? ''), Value: String(t.Value ?? '') })),
    createdAt: now,
    lastChangedAt: now,
    versions: [],
  };
  state.secrets.set(s.arn, s);
  if (v.string === undefined && v.binary === undefined) return { ARN: s.arn, Name: s.name };
  const version = addVersion(state, s, v, p.str('ClientRequestToken') ?? uuid(), ['AWSCURRENT']);
  return { ARN: s.arn, Name: s.name, VersionId: version.id };
};

const putSecretValue: Handler = (state, p) => {
  const s = secret(state, p);
  const v = value(p);
  if (v.string === undefined && v.binary === undefined) throw invalidParameter('You must provide either SecretString or SecretBinary.');
  const stages = p.strList('VersionStages') ?? ['AWSCURRENT'];
  const version = addVersion(state, s, v, p.str('ClientRequestToken') ?? uuid(), stages);
  return { ARN: s.arn, Name: s.name, VersionId: version.id, VersionStages: version.stages };
};

const getSecretValue: Handler = (state, p) => {
  const s = secret(state, p);
  if (s.kmsKeyId?.includes('denied')) throw new ApiError('DecryptionFailure', "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
  const versionId = p.str('VersionId');
  const stage = p.str('VersionStage') ?? (versionId ? undefined : 'AWSCURRENT');
  const v = s.versions.find((x) => (versionId === undefined || x.id === versionId) && (stage === undefined || x.stages.includes(stage)));
  if (!v) {
    throw notFound(versionId !== undefined
      ? `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`
      : `Secrets Manager can't find the specified secret value for staging label: ${stage}`);
  }
  return {
    ARN: s.arn,
    Name: s.name,
    VersionId: v.id,
    ...(v.string !== undefined ? { SecretString: v.string } : {}),
    ...(v.binary !== undefined ? { SecretBinary: v.binary } : {}),
    VersionStages: v.stages,
    CreatedDate: secs(v.createdAt),
  };
};

const describeSecret: Handler = (state, p) => {
  const s = secret(state, p);
  return {
    ARN: s.arn,
    Name: s.name,
    ...(s.description !== undefined ? { Description: s.description } : {}),
    ...(s.kmsKeyId !== undefined ? { KmsKeyId: s.kmsKeyId } : {}),
    LastChangedDate: secs(s.lastChangedAt),
    VersionIdsToStages: Object.fromEntries(s.versions.map((v) => [v.id, v.stages])),
    CreatedDate: secs(s.createdAt),
    ...(s.tags.length ? { Tags: s.tags } : {}),
  };
};

export const SECRETS_MANAGER_HANDLERS: Record<string, Handler> = {
  CreateSecret: createSecret,
  PutSecretValue: putSecretValue,
  GetSecretValue: getSecretValue,
  DescribeSecret: describeSecret,
};
