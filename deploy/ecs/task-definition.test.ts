// deploy/ecs/task-definition.json: what it promises (the task role as the only AWS credential source,
// the token from Secrets Manager, a read-only root filesystem, the health check on /api/health), and
// that ECS accepts it: registered through the real SDK with the embedded ECS simulator and with moto.
import fs from 'node:fs';
import path from 'node:path';
import { DescribeTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand, type RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcsSimulator, type EcsSimulator } from '@/lib/sim/ecs';
import { motoTests, startMoto, type Moto } from '@/lib/testing/moto';

const TEXT = fs.readFileSync(path.join(__dirname, 'task-definition.json'), 'utf8');
/** The file with its placeholders filled in, as a user would before registering it. */
const filled = (region: string): RegisterTaskDefinitionCommandInput =>
  JSON.parse(TEXT.replaceAll('ACCOUNT_ID', '123456789012').replaceAll('REGION', region));

describe('deploy/ecs/task-definition.json', () => {
  const td = filled('us-east-1');
  const [c] = td.containerDefinitions!;

  it('takes AWS credentials from the task role only, and the token from Secrets Manager', () => {
    expect(td.taskRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
    const names = (c.environment ?? []).map((e) => e.name!);
    for (const n of names) expect(n).not.toMatch(/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE)$|TOKEN|KEY/);
    expect(c.secrets?.map((s) => s.name).sort()).toEqual(['PARALLAX_HASH_KEY', 'PARALLAX_TOKEN']);
    for (const s of c.secrets ?? []) expect(s.valueFrom).toMatch(/^arn:aws:secretsmanager:/);
  });

  it('runs as non-root on a read-only root filesystem with scratch volumes, checked on /api/health', () => {
    expect(c.user).toBe('1000:1000');
    expect(c.readonlyRootFilesystem).toBe(true);
    expect(c.mountPoints?.map((m) => m.containerPath).sort()).toEqual(['/app/.next/cache', '/tmp']);
    expect(c.healthCheck?.command?.join(' ')).toContain('/api/health');
    expect(c.environment?.find((e) => e.name === 'HOST')?.value).toBe('0.0.0.0');
  });

  async function registerAndRead(ecs: ECSClient) {
    const reg = await ecs.send(new RegisterTaskDefinitionCommand(filled(await ecs.config.region())));
    const got = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: reg.taskDefinition!.taskDefinitionArn! }));
    return got.taskDefinition!;
  }

  describe('registered with the embedded ECS simulator', () => {
    let sim: EcsSimulator;
    beforeAll(async () => { sim = await startEcsSimulator(); });
    afterAll(async () => { await sim?.stop(); });
    it('is accepted and reads back', async () => {
      const ecs = new ECSClient({ region: sim.region, endpoint: sim.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
      const got = await registerAndRead(ecs);
      expect(got.family).toBe('parallax');
      expect(got.containerDefinitions?.[0].readonlyRootFilesystem).toBe(true);
      expect(got.taskRoleArn).toBe(filled(sim.region).taskRoleArn);
      ecs.destroy();
    });
  });

  describe.skipIf(!motoTests('deploy/ecs/task-definition.test.ts'))('registered with moto', () => {
    let moto: Moto;
    beforeAll(async () => { moto = await startMoto(); });
    afterAll(async () => { await moto?.stop(); });
    it('is accepted and reads back', async () => {
      const ecs = new ECSClient({ region: 'us-east-1', endpoint: moto.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
      const got = await registerAndRead(ecs);
      expect(got.family).toBe('parallax');
      expect(got.containerDefinitions?.[0].secrets?.length).toBe(2);
      ecs.destroy();
    });
  });
});
