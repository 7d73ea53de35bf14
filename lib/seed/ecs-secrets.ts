// The secrets a scenario's task definitions reference: Secrets Manager secrets and SSM parameters,
// written by the seeder (the seeder writes; Parallax only reads). Each step looks before it writes:
// a secret by DescribeSecret, then its current value (PutSecretValue only when it differs); a
// parameter by GetParameter with decryption (PutParameter with Overwrite only when value or type
// differ). Logs and change lines name secrets, never their values.
//
// Real secret ARNs end in a random 6-character suffix that only the service knows, so task
// definitions reference a secret as `${secret:NAME}` (optionally followed by `:json-key::`): the
// seeder fills in the ARN of the secret it found or created, on moto, the simulator or AWS alike.
import {
  CreateSecretCommand, DescribeSecretCommand, GetSecretValueCommand, PutSecretValueCommand, type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { EcsScenario } from './ecs-scenario';
import { describeError, type Step } from './util';

const notFound = (e: unknown): boolean => /NotFound/i.test(`${(e as { name?: string }).name ?? ''}`);

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return !!a && !!b && Buffer.from(a).equals(Buffer.from(b));
}

/** Creates or updates the scenario's secrets and parameters; returns `secret:NAME` -> ARN. */
export async function ensureSecretStores(
  sm: SecretsManagerClient,
  ssm: SSMClient,
  scenario: Pick<EcsScenario, 'secrets' | 'parameters'>,
  step: Step,
  wrote: (what: string) => void,
): Promise<Map<string, string>> {
  const arns = new Map<string, string>();
  for (const input of scenario.secrets) {
    const name = input.Name!;
    let arn: string | undefined;
    try {
      arn = (await sm.send(new DescribeSecretCommand({ SecretId: name }))).ARN;
    } catch (e) {
      if (!notFound(e)) throw new Error(`ecs: DescribeSecret ${name} failed: ${describeError(e)}`, { cause: e });
    }
    if (!arn) {
      arn = (await step(`CreateSecret ${name}`, () => sm.send(new CreateSecretCommand(input)))).ARN;
      wrote(`CreateSecret ${name}`);
    } else if (!(await holds(sm, arn, input))) {
      await step(`PutSecretValue ${name}`, () => sm.send(new PutSecretValueCommand({ SecretId: arn, SecretString: input.SecretString, SecretBinary: input.SecretBinary })));
      wrote(`PutSecretValue ${name}`);
    }
    if (arn) arns.set(`secret:${name}`, arn);
  }
  for (const input of scenario.parameters) {
    const name = input.Name!;
    let current: { Type?: string; Value?: string } | undefined;
    try {
      current = (await ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true }))).Parameter;
    } catch (e) {
      if (!notFound(e)) throw new Error(`ecs: GetParameter ${name} failed: ${describeError(e)}`, { cause: e });
    }
    if (current && current.Type === input.Type && current.Value === input.Value) continue;
    // SSM refuses Tags together with Overwrite: tags are for creating only.
    const { Tags: _tags, ...overwrite } = input;
    await step(`PutParameter ${name}`, () => ssm.send(new PutParameterCommand(current ? { ...overwrite, Overwrite: true } : input)));
    wrote(`PutParameter ${name}${current ? ' (overwrite)' : ''}`);
  }
  return arns;
}

/** Whether the secret's current version already holds what the scenario says. */
async function holds(sm: SecretsManagerClient, arn: string, input: EcsScenario['secrets'][number]): Promise<boolean> {
  try {
    const v = await sm.send(new GetSecretValueCommand({ SecretId: arn }));
    return input.SecretString !== undefined ? v.SecretString === input.SecretString : sameBytes(v.SecretBinary, input.SecretBinary);
  } catch (e) {
    // A secret created without a value has no AWSCURRENT version yet.
    if (notFound(e)) return false;
    throw new Error(`ecs: GetSecretValue ${arn} failed: ${describeError(e)}`, { cause: e });
  }
}
