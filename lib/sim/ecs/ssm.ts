// SSM Parameter Store (AWS JSON 1.1, X-Amz-Target: AmazonSSM.<Op>, PascalCase members,
// epoch-seconds timestamps with fractions): PutParameter, GetParameter, GetParameters.
// Protocol facts kept here:
// - A SecureString read without WithDecryption answers the KMS ciphertext (base64), never the
//   value; with it, the value. (moto answers `kms:<key>:<value>` without decryption.)
// - GetParameters takes 1 to 10 names (ValidationException beyond) and answers 200 with the
//   parameters it found and the rest, as asked, in InvalidParameters; GetParameter answers
//   ParameterNotFound (400) instead.
// - A name may be given as the parameter's ARN (`arn:aws:ssm:REGION:ACCOUNT:parameter/a/b` for
//   `/a/b`) or with a version selector (`/a/b:3`). (moto's GetParameters does not take ARNs.)
// - KMS is not simulated. A KeyId containing `denied` stands for a key the caller may not use:
//   decrypting a SecureString under it fails the whole call with AccessDeniedException, as KMS's
//   refusal does on AWS.
import { createCipheriv, randomBytes } from 'node:crypto';
import { ApiError } from './errors';
import { secs } from './ecs-shapes';
import type { Json, Params } from './params';
import type { SimState } from './state';

export const SSM_TARGET_PREFIX = 'AmazonSSM.';

const TYPES = ['String', 'StringList', 'SecureString'] as const;
type ParameterType = (typeof TYPES)[number];

interface ParameterVersion {
  version: number;
  type: ParameterType;
  /** What a client stored. The simulator plays the service, so it holds values; Parallax never does. */
  value: string;
  /** SecureString: what GetParameter answers without decryption. */
  ciphertext?: string;
  keyId?: string;
  modifiedAt: number;
}

export interface SimParameter {
  name: string;
  description?: string;
  tier: string;
  dataType: string;
  /** Oldest first; the last is the current version. */
  versions: ParameterVersion[];
}

type Handler = (state: SimState, p: Params) => Json;

const validation = (message: string): ApiError => new ApiError('ValidationException', message);

// The stand-in for KMS: a per-process key, so the "ciphertext" reveals nothing of the value.
const KMS_KEY = randomBytes(32);

/** A KMS-ciphertext-shaped blob (it starts like one: version 1, AES-256-GCM), base64. */
function encrypt(value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', KMS_KEY, iv);
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([0x01, 0x02, 0x02, 0x00, 0x78]), randomBytes(27), iv, body, cipher.getAuthTag()]).toString('base64');
}

interface Lookup {
  parameter?: SimParameter;
  version?: ParameterVersion;
  selector?: string;
}

/** The parameter (and version) a name, ARN or `name:version` selector names. */
function lookup(state: SimState, asked: string): Lookup {
  let name = asked;
  const arn = /^arn:[^:]+:ssm:[^:]*:[^:]*:parameter(\/.*)$/.exec(asked);
  if (arn) name = arn[1];
  let selector: string | undefined;
  const sel = /^(.*?)(:[^:/]+)$/.exec(name);
  if (sel) {
    name = sel[1];
    selector = sel[2];
  }
  // An ARN drops the leading slash of a non-hierarchical name: `parameter/foo` is `foo`.
  const parameter = state.parameters.get(name) ?? (arn ? state.parameters.get(name.slice(1)) : undefined);
  if (!parameter) return {};
  if (!selector) return { parameter, version: parameter.versions[parameter.versions.length - 1] };
  const n = Number(selector.slice(1));
  // Labels are not simulated: a label selector finds nothing.
  return { parameter, version: parameter.versions.find((v) => v.version === n), selector };
}

function refuseDeniedKey(v: ParameterVersion, decrypt: boolean): void {
  if (decrypt && v.keyId?.includes('denied')) {
    throw new ApiError('AccessDeniedException', 'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.');
  }
}

function shape(state: SimState, l: Required<Pick<Lookup, 'parameter' | 'version'>> & Pick<Lookup, 'selector'>, decrypt: boolean): Json {
  const { parameter: p, version: v } = l;
  const secure = v.type === 'SecureString';
  return {
    Name: p.name,
    Type: v.type,
    Value: secure && !decrypt ? v.ciphertext! : v.value,
    Version: v.version,
    ...(l.selector ? { Selector: l.selector } : {}),
    LastModifiedDate: secs(v.modifiedAt),
    ARN: `arn:aws:ssm:${state.region}:${state.accountId}:parameter${p.name.startsWith('/') ? '' : '/'}${p.name}`,
    DataType: p.dataType,
  };
}

const putParameter: Handler = (state, p) => {
  const name = p.reqStr('Name', 'ValidationException');
  if (name.includes('/') && !name.startsWith('/')) throw validation('Parameter name must be a fully qualified name.');
  if (/^\/?(aws|ssm)/i.test(name)) throw validation('Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
  const value = p.str('Value');
  if (value === undefined) throw validation("1 validation error detected: Value null at 'value' failed to satisfy constraint: Member must not be null");
  const existing = state.parameters.get(name);
  if (existing && !p.bool('Overwrite')) {
    throw new ApiError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.');
  }
  const type = (p.str('Type') ?? existing?.versions.at(-1)?.type) as ParameterType | undefined;
  if (!type) throw validation('A parameter type is required when you create a parameter.');
  if (!TYPES.includes(type)) throw validation(`1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`);
  const param: SimParameter = existing ?? { name, tier: p.str('Tier') ?? 'Standard', dataType: p.str('DataType') ?? 'text', versions: [] };
  if (p.str('Description') !== undefined) param.description = p.str('Description');
  const keyId = type === 'SecureString' ? (p.str('KeyId') ?? 'alias/aws/ssm') : undefined;
  const version = (param.versions.at(-1)?.version ?? 0) + 1;
  param.versions.push({ version, type, value, ...(keyId ? { keyId, ciphertext: encrypt(value) } : {}), modifiedAt: state.now() });
  state.parameters.set(name, param);
  return { Version: version, Tier: param.tier };
};

const getParameter: Handler = (state, p) => {
  const asked = p.reqStr('Name', 'ValidationException');
  const l = lookup(state, asked);
  if (!l.parameter) throw new ApiError('ParameterNotFound', `Parameter ${asked} not found.`);
  if (!l.version) throw new ApiError('ParameterVersionNotFound', `Systems Manager could not find version ${l.selector?.slice(1)} of ${l.parameter.name}.`);
  refuseDeniedKey(l.version, p.bool('WithDecryption') ?? false);
  return { Parameter: shape(state, { parameter: l.parameter, version: l.version, selector: l.selector }, p.bool('WithDecryption') ?? false) };
};

const getParameters: Handler = (state, p) => {
  const names = p.strList('Names') ?? [];
  if (names.length < 1 || names.length > 10) {
    const constraint = names.length ? 'less than or equal to 10' : 'greater than or equal to 1';
    throw validation(`1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: Member must have length ${constraint}.`);
  }
  const decrypt = p.bool('WithDecryption') ?? false;
  const found: Json[] = [];
  const invalid: string[] = [];
  for (const asked of [...new Set(names)]) {
    const l = lookup(state, asked);
    if (l.version) refuseDeniedKey(l.version, decrypt);
    if (l.parameter && l.version) found.push(shape(state, { parameter: l.parameter, version: l.version, selector: l.selector }, decrypt));
    else invalid.push(asked);
  }
  return { Parameters: found, InvalidParameters: invalid };
};

/** Metadata only, never a value. Filters: `Name` with `Equals` (what Parallax sends); others answer every parameter. */
const describeParameters: Handler = (state, p) => {
  const filters = (p.objList('ParameterFilters') ?? []) as { Key?: string; Option?: string; Values?: string[] }[];
  const names = filters.filter((f) => f.Key === 'Name' && (f.Option ?? 'Equals') === 'Equals').flatMap((f) => f.Values ?? []);
  const all = [...state.parameters.values()].filter((x) => !names.length || names.includes(x.name));
  return {
    Parameters: all.map((x) => {
      const v = x.versions[x.versions.length - 1];
      return {
        Name: x.name, Type: v.type, ...(v.keyId ? { KeyId: v.keyId } : {}), LastModifiedDate: secs(v.modifiedAt),
        ARN: `arn:aws:ssm:${state.region}:${state.accountId}:parameter${x.name.startsWith('/') ? '' : '/'}${x.name}`,
        ...(x.description !== undefined ? { Description: x.description } : {}), Version: v.version, Tier: x.tier, Policies: [], DataType: x.dataType,
      };
    }),
  };
};

export const SSM_HANDLERS: Record<string, Handler> = {
  DescribeParameters: describeParameters,
  PutParameter: putParameter,
  GetParameter: getParameter,
  GetParameters: getParameters,
};
