import { describe, expect, it } from 'vitest';
import { envDisplay, healthCheckText } from './describe';

describe('env and health checks', () => {
  it('shows only a reference for secrets, even if a value slipped into the model', () => {
    expect(envDisplay({ name: 'P', from: 'secret', ref: { name: 'shop-db', key: 'password' }, value: 'leak' })).toBe('secret/shop-db key password');
    expect(envDisplay({ name: 'P', from: 'secret', ref: { arn: 'arn:aws:secretsmanager:us-east-1:1:secret:shop/db' } })).toBe('arn:aws:secretsmanager:us-east-1:1:secret:shop/db');
    expect(envDisplay({ name: 'L', from: 'config', value: 'info', ref: { name: 'web', key: 'LOG' } })).toBe('info');
    expect(envDisplay({ name: 'L', from: 'config', ref: { name: 'web', key: 'LOG' } })).toBe('configmap/web key LOG');
  });
  it('describes probes and ECS health checks', () => {
    expect(healthCheckText({ role: 'readiness', type: 'http', path: '/healthz', port: 8080, intervalSeconds: 10 })).toBe('GET /healthz :8080 · every 10 s');
    expect(healthCheckText({ role: 'container', type: 'exec', command: ['/bin/sh', '-c', 'pg_isready || exit 1'], intervalSeconds: 30 })).toBe('SHELL pg_isready || exit 1 · every 30 s');
    expect(healthCheckText({ role: 'container', type: 'exec', command: ['pg_isready', '-U', 'shop'] })).toBe('CMD pg_isready -U shop');
    expect(healthCheckText({ role: 'liveness', type: 'tcp', port: 5432 })).toBe('TCP :5432');
  });
});
