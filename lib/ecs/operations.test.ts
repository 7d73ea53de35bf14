// The AWS operations the ECS adapter calls, the code's own list of them, and the IAM policies in
// deploy/ecs: all three must agree exactly (the policy grants nothing the code does not call, and
// the code calls nothing the policy would deny).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ECS_READ_OPERATIONS, iamActions, LOG_READ_OPERATIONS, SDK_PACKAGE_OF_PREFIX, SECRET_VALUE_OPERATIONS, USAGE_OPERATIONS } from './operations';

const ECS_DIR = path.resolve(__dirname);
const DEPLOY_ECS = path.resolve(__dirname, '../../deploy/ecs');

/** Adapter source files: lib/ecs without tests, test helpers and fixtures. */
function adapterFiles(dir = ECS_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ['testing', 'fixtures'].includes(e.name) ? [] : adapterFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** "<package>:<Operation>" for every `XCommand` value import from an @aws-sdk client (type-only imports skipped). */
function importedCommands(): string[] {
  const out = new Set<string>();
  for (const file of adapterFiles()) {
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'(@aws-sdk\/client-[^']+)'/g)) {
      if (m[1]) continue;
      for (const name of m[2].split(',').map((s) => s.trim())) {
        const cmd = /^(\w+)Command$/.exec(name);
        if (cmd) out.add(`${m[3]}:${cmd[1]}`);
      }
    }
  }
  return [...out].sort();
}

function asPackageOps(ops: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(ops).flatMap(([prefix, names]) => names.map((n) => `${SDK_PACKAGE_OF_PREFIX[prefix]}:${n}`));
}

interface Statement { Sid?: string; Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: Record<string, unknown> }
function policy(file: string): { Version: string; Statement: Statement[] } {
  return JSON.parse(fs.readFileSync(path.join(DEPLOY_ECS, file), 'utf8'));
}
const actionsOf = (s: Statement): string[] => [s.Action].flat().sort();

describe('the AWS operations Parallax calls', () => {
  it('are exactly the SDK commands the ECS adapter imports', () => {
    const listed = [...asPackageOps(ECS_READ_OPERATIONS), ...asPackageOps(LOG_READ_OPERATIONS), ...asPackageOps(USAGE_OPERATIONS), ...asPackageOps(SECRET_VALUE_OPERATIONS)].sort();
    expect(importedCommands()).toEqual(listed);
  });

  it('are read-only: Describe*/List* for the inventory, GetLogEvents for logs, GetMetricData for usage, Get* for secret hashing', () => {
    for (const a of iamActions(ECS_READ_OPERATIONS)) expect(a).toMatch(/^[a-z0-9-]+:(Describe|List)[A-Za-z]+$/);
    expect(iamActions(LOG_READ_OPERATIONS)).toEqual(['logs:GetLogEvents']);
    expect(iamActions(USAGE_OPERATIONS)).toEqual(['cloudwatch:GetMetricData']);
    for (const a of iamActions(SECRET_VALUE_OPERATIONS)) expect(a).toMatch(/^[a-z0-9-]+:Get[A-Za-z]+$/);
  });
});

describe('deploy/ecs IAM policies', () => {
  it('iam-policy.json allows exactly the inventory reads, the log reads and the usage metrics', () => {
    const p = policy('iam-policy.json');
    expect(p.Version).toBe('2012-10-17');
    expect(p.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
    expect(p.Statement.flatMap(actionsOf).sort()).toEqual(iamActions({ ...ECS_READ_OPERATIONS, ...LOG_READ_OPERATIONS, ...USAGE_OPERATIONS }));
  });

  it('iam-policy-secret-hashes.json allows exactly the Get* calls of secret hashing, plus kms:Decrypt only through those services', () => {
    const p = policy('iam-policy-secret-hashes.json');
    const [reads, kms, ...rest] = p.Statement;
    expect(rest).toEqual([]);
    expect(actionsOf(reads)).toEqual(iamActions(SECRET_VALUE_OPERATIONS));
    // Secrets Manager and SSM decrypt with KMS on the caller's behalf: Parallax never calls KMS itself,
    // so the grant is limited to requests made through those two services.
    expect(actionsOf(kms)).toEqual(['kms:Decrypt']);
    expect(JSON.stringify(kms.Condition)).toContain('kms:ViaService');
    for (const s of p.Statement) expect(s.Effect).toBe('Allow');
  });
});
