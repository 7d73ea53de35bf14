import { describe, expect, it } from 'vitest';
import { LAST_APPLIED, managedFieldsCount, SECRET_VALUE_REMOVED, sanitizeRaw } from './raw';

const hmac = () => '0123456789abcdef';
const PASSWORD = 'hunter2-but-longer';
const b64 = Buffer.from(PASSWORD).toString('base64');
const managedFields = [{ manager: 'kubectl-client-side-apply', operation: 'Update', fieldsV1: { 'f:data': { '.': {}, 'f:password': {} } } }];

// As `GET /api/v1/namespaces/shop/secrets/shop-db` answers after `kubectl apply`.
const secret = {
  apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
  metadata: {
    name: 'shop-db', namespace: 'shop', uid: 'u-1', resourceVersion: '812', managedFields,
    annotations: { [LAST_APPLIED]: JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: { password: b64 } }), team: 'shop' },
  },
  data: { password: b64, user: Buffer.from('shop').toString('base64') },
  stringData: { extra: PASSWORD },
};

describe('sanitizeRaw', () => {
  it('keeps a Secret\'s keys and removes every value, its last-applied annotation included', () => {
    const out = sanitizeRaw(secret, { hmac }) as typeof secret;
    const text = JSON.stringify(out);
    expect(text).not.toContain(b64);
    expect(text).not.toContain(PASSWORD);
    expect(Object.keys(out.data)).toEqual(['password', 'user']);
    expect(out.data.password).toBe(SECRET_VALUE_REMOVED);
    expect(out.stringData.extra).toBe(SECRET_VALUE_REMOVED);
    expect(out.metadata.annotations[LAST_APPLIED]).toBe(SECRET_VALUE_REMOVED);
    expect(out.metadata.annotations.team).toBe('shop');
    expect(out.metadata.name).toBe('shop-db');
    // The input is untouched (it may be shared).
    expect(secret.data.password).toBe(b64);
  });

  it('removes Secret values at any depth (a List of Secrets, a Secret inside another object)', () => {
    const nested = { kind: 'List', apiVersion: 'v1', items: [secret, { wrapper: { deeper: [{ ...secret, metadata: { name: 'x' } }] } }] };
    const text = JSON.stringify(sanitizeRaw(nested, { hmac }));
    expect(text).not.toContain(b64);
    expect(text).not.toContain(PASSWORD);
    expect(text.match(/password/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('leaves managedFields out by default and keeps them when asked', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', managedFields }, spec: {} };
    expect((sanitizeRaw(pod) as { metadata: object }).metadata).toEqual({ name: 'web-1' });
    expect((sanitizeRaw(pod, { managedFields: true }) as { metadata: { managedFields: unknown } }).metadata.managedFields).toEqual(managedFields);
    expect(managedFieldsCount(pod)).toBe(1);
    expect(managedFieldsCount({ Service: {} })).toBe(0);
  });

  it('masks credential-looking env values as the API does, in env, last-applied and ECS environment; references stay', () => {
    const key = 'AKIAABCDEFGHIJKLMNOP';
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment',
      metadata: { name: 'web', annotations: { [LAST_APPLIED]: JSON.stringify({ spec: { env: [{ name: 'AWS_ACCESS_KEY_ID', value: key }] } }) } },
      spec: { template: { spec: { containers: [{ name: 'web', env: [
        { name: 'AWS_ACCESS_KEY_ID', value: key }, { name: 'LOG_LEVEL', value: 'info' },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } } },
      ] }] } } },
    };
    const out = JSON.stringify(sanitizeRaw(deployment, { hmac }));
    expect(out).not.toContain(key);
    expect(out).toContain('[masked by Parallax: AWS access key id; hmac 0123456789abcdef]');
    expect(out).toContain('"value":"info"');
    expect(out).toContain('secretKeyRef');
    // DescribeTaskDefinition output (the SDK's shape, with its $metadata and Dates).
    const td = {
      $metadata: { httpStatusCode: 200, requestId: 'r' },
      taskDefinition: {
        registeredAt: new Date('2026-01-02T03:04:05Z'),
        containerDefinitions: [{ name: 'web', environment: [{ name: 'STRIPE_KEY', value: 'sk_live_abcdefghijklmnop1234' }], secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-AbCdEf' }] }],
      },
    };
    const ecs = sanitizeRaw(td, { hmac }) as { taskDefinition: { registeredAt: string; containerDefinitions: { environment: { value: string }[]; secrets: { valueFrom: string }[] }[] } };
    expect(JSON.stringify(ecs)).not.toContain('$metadata');
    expect(ecs.taskDefinition.registeredAt).toBe('2026-01-02T03:04:05.000Z');
    expect(ecs.taskDefinition.containerDefinitions[0].environment[0].value).toMatch(/^\[masked by Parallax: Stripe live key/);
    expect(ecs.taskDefinition.containerDefinitions[0].secrets[0].valueFrom).toBe('arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/db-AbCdEf');
  });

  it('masks credential-looking ConfigMap values, keeps the others', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'app.properties': 'x=1', DATABASE_URL: 'postgres://u:pw12345@db/x' } };
    const out = sanitizeRaw(cm, { hmac }) as { data: Record<string, string> };
    expect(out.data['app.properties']).toBe('x=1');
    expect(out.data.DATABASE_URL).toMatch(/^\[masked by Parallax: password in URL/);
  });
});
