// Fidelity check with a second, independent client: the python aws CLI (botocore) parses the
// simulator's replies with its own models. Each CLI start costs ~1 s, so calls are few and parallel.
import { execFile, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateServiceCommand } from '@aws-sdk/client-ecs';
import { startEcsSimulator, type EcsSimulator } from './index';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { clients, registerTaskDef, seedCluster, TEST_CREDENTIALS, webTaskDef } from './test-helpers';
import { waitFor } from '@/lib/testing/wait';

const MISSING = 'aws CLI not found: install awscli to run ECS simulator fidelity tests';
const hasCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasCli && !process.env.CI) console.warn(MISSING);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let sim: EcsSimulator;

function aws(args: string[], viaEnv = false): Promise<CliResult> {
  // Only this test's AWS settings: inherited AWS_* variables (profiles, endpoints) are dropped.
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('AWS_')) delete env[k];
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_MAX_ATTEMPTS: '1',
  });
  if (viaEnv) env.AWS_ENDPOINT_URL = sim.url;
  const full = viaEnv ? [...args, '--output', 'json'] : ['--endpoint-url', sim.url, ...args, '--output', 'json'];
  return new Promise((resolve) => {
    execFile('aws', full, { env, timeout: 50_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function json(r: CliResult): Record<string, unknown> & { [k: string]: any } {
  if (r.code !== 0) throw new Error(`aws exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, any>;
}

describe('ECS simulator with the aws CLI', () => {
  // Skipped with a message on a user's machine without the CLI; on CI its absence fails the suite.
  describe.skipIf(!hasCli && !process.env.CI)('fidelity', () => {
    beforeAll(async () => {
      if (!hasCli) throw new Error(`${MISSING} (required on CI)`);
      sim = await startEcsSimulator({ tickMs: 20, stepMs: 40 });
      await seedCluster(sim, 'C', 2);
      await registerTaskDef(sim, webTaskDef('fam', 'nginx:1.27'));
      const { ecs } = clients(sim);
      await ecs.send(new CreateServiceCommand({ cluster: 'C', serviceName: 'a', taskDefinition: 'fam', desiredCount: 2 }));
      await ecs.send(new CreateServiceCommand({ cluster: 'C', serviceName: 'b', taskDefinition: 'fam:1', desiredCount: 1 }));
      await waitFor('three running tasks', async () => [...sim.state.tasks.values()].filter((t) => t.lastStatus === 'RUNNING').length === 3, 5_000);
    });
    afterAll(async () => {
      await sim?.stop();
    });

    it('parses describe-services, list-tasks, describe-task-definition, ec2 describe-instances and errors', async () => {
      const [services, tasks, taskDef, instances, missing] = await Promise.all([
        aws(['ecs', 'describe-services', '--cluster', 'C', '--services', 'a', 'b']),
        aws(['ecs', 'list-tasks', '--cluster', 'C'], true),
        aws(['ecs', 'describe-task-definition', '--task-definition', 'fam:1']),
        aws(['ec2', 'describe-instances']),
        aws(['ecs', 'list-tasks', '--cluster', 'nope']),
      ]);

      const s = json(services);
      expect(s.services.map((x: any) => [x.serviceName, x.desiredCount, x.runningCount, x.status])).toEqual([
        ['a', 2, 2, 'ACTIVE'],
        ['b', 1, 1, 'ACTIVE'],
      ]);
      expect(s.services[0].deployments[0].id).toMatch(/^ecs-svc\/\d{19}$/);
      // CLI v1 prints timestamps as received (cli_timestamp_format=none): epoch seconds.
      expect(Math.abs(Number(s.services[0].createdAt) - Date.now() / 1000)).toBeLessThan(60);
      expect(s.failures).toEqual([]);

      const t = json(tasks);
      expect(t.taskArns).toHaveLength(3);
      for (const arn of t.taskArns) expect(arn).toMatch(/^arn:aws:ecs:us-east-1:000000000000:task\/C\/[0-9a-f]{32}$/);

      const td = json(taskDef).taskDefinition;
      expect(td).toMatchObject({ family: 'fam', revision: 1, status: 'ACTIVE', networkMode: 'bridge', taskDefinitionArn: 'arn:aws:ecs:us-east-1:000000000000:task-definition/fam:1' });
      expect(td.containerDefinitions[0]).toMatchObject({ name: 'web', image: 'nginx:1.27', cpu: 256, memory: 512, environment: [{ name: 'MODE', value: 'prod' }] });

      const reservations = json(instances).Reservations as any[];
      const ids = reservations.flatMap((r) => r.Instances.map((i: any) => i.InstanceId)).sort();
      const expected = [...sim.state.ec2Instances.keys()].sort();
      expect(ids).toEqual(expected);
      expect(reservations[0].Instances[0]).toMatchObject({ InstanceType: 't3.medium', State: { Code: 16, Name: 'running' }, Tags: [{ Key: 'cluster', Value: 'C' }] });
      expect(reservations[0].Instances[0].Placement.AvailabilityZone).toMatch(/^us-east-1[abc]$/);

      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('An error occurred (ClusterNotFoundException)');
      expect(missing.stderr).toContain('when calling the ListTasks operation: Cluster not found.');

      const ops = sim.requests.filter((r) => r.operation !== 'unknown').map((r) => r.operation);
      expect(ops).toEqual(expect.arrayContaining(['DescribeServices', 'ListTasks', 'DescribeTaskDefinition', 'DescribeInstances']));
    }, 60_000); // five python CLI starts: ~3 s on an idle machine, far more on a loaded one

    it('parses Secrets Manager and SSM replies (SecureString decrypted only when asked) and their errors', async () => {
      const created = json(await aws(['secretsmanager', 'create-secret', '--name', 'cli/db', '--secret-string', '{"password":"cli-value-1"}']));
      expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:cli\/db-[A-Za-z0-9]{6}$/);
      const ssm = new SSMClient({ region: sim.region, endpoint: sim.url, credentials: TEST_CREDENTIALS });
      await ssm.send(new PutParameterCommand({ Name: '/cli/pw', Type: 'SecureString', Value: 'cli-value-1' })).finally(() => ssm.destroy());
      const [secret, decrypted, encrypted, noSecret, noParameter] = await Promise.all([
        aws(['secretsmanager', 'get-secret-value', '--secret-id', created.ARN]),
        aws(['ssm', 'get-parameters', '--names', '/cli/pw', '/cli/nope', '--with-decryption'], true),
        aws(['ssm', 'get-parameter', '--name', '/cli/pw']),
        aws(['secretsmanager', 'get-secret-value', '--secret-id', 'cli/nope']),
        aws(['ssm', 'get-parameter', '--name', '/cli/nope']),
      ]);
      expect(json(secret)).toMatchObject({ ARN: created.ARN, Name: 'cli/db', SecretString: '{"password":"cli-value-1"}', VersionStages: ['AWSCURRENT'] });
      const d = json(decrypted);
      expect(d.Parameters.map((p: any) => [p.Name, p.Type, p.Value, p.Version])).toEqual([['/cli/pw', 'SecureString', 'cli-value-1', 1]]);
      expect(d.InvalidParameters).toEqual(['/cli/nope']);
      expect(json(encrypted).Parameter.Value).not.toContain('cli-value-1');
      expect(noSecret.stderr).toContain("An error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: Secrets Manager can't find the specified secret.");
      expect(noParameter.stderr).toContain('An error occurred (ParameterNotFound) when calling the GetParameter operation');
    }, 60_000);
  });
});
