import { describe, expect, it } from 'vitest';
import type { Workload } from '@/lib/model';
import { source } from '@/lib/testing/drift';
import { hintsFor, shellQuote } from './hints';

const K = source({ id: 'k8s/prod', platform: 'kubernetes', name: 'prod', connection: { context: 'arn:aws:eks:eu-west-1:1:cluster/prod' } });
const E = source({ id: 'ecs/ops/eu-west-1', platform: 'ecs', name: 'ops/eu-west-1', connection: { profile: 'ops', region: 'eu-west-1', endpoint: 'http://127.0.0.1:5000' } });
const wl = (platform: 'kubernetes' | 'ecs', over: Partial<Workload> = {}): Workload => ({
  id: `${platform}/w`, kind: 'workload', platform, source: platform === 'ecs' ? E.id : K.id, name: 'web', groupName: 'shop', labels: {}, ref: { kind: 'x' },
  workloadKind: platform === 'ecs' ? 'Service' : 'Deployment', scheduling: 'replica', desired: 2, ready: 2, rollout: { state: 'complete' },
  template: { ref: platform === 'ecs' ? 'shop-web:7' : undefined, containers: [], volumes: [], reserved: {} }, placement: { terms: [] }, ...over,
});
const left = { w: wl('kubernetes'), source: K };
const right = { w: wl('ecs'), source: E };
const names = { left: 'web', right: 'web' };

describe('remediation hints', () => {
  it('image: kubectl set image on Kubernetes; a new task definition revision and update-service on ECS', () => {
    const [toRight, toLeft] = hintsFor({ kind: 'image', containers: names, left: 'ghcr.io/a/web:1.8.2', right: 'ghcr.io/a/web:1.8.1' }, left, right, 'sources');
    expect(toRight).toEqual({ changes: 'left', command: "kubectl --context arn:aws:eks:eu-west-1:1:cluster/prod -n shop set image deployment/web web=ghcr.io/a/web:1.8.1" });
    expect(toLeft.changes).toBe('right');
    const lines = toLeft.command.split('\n');
    expect(lines[0]).toBe('aws ecs describe-task-definition --task-definition shop-web:7 --query taskDefinition --region eu-west-1 --profile ops --endpoint-url http://127.0.0.1:5000 > shop-web.json');
    expect(lines[1]).toContain('containerDefinitions[web].image to ghcr.io/a/web:1.8.2');
    expect(lines[3]).toBe('aws ecs update-service --cluster shop --service web --task-definition shop-web --region eu-west-1 --profile ops --endpoint-url http://127.0.0.1:5000');
  });

  it('replicas: kubectl scale and update-service --desired-count', () => {
    const [l, r] = hintsFor({ kind: 'replicas', left: 2, right: 3 }, left, right, 'sources');
    expect(l.command).toMatch(/ scale deployment\/web --replicas=3$/);
    expect(r.command).toMatch(/^aws ecs update-service --cluster shop --service web --desired-count 2 /);
  });

  it('env: a config map key is patched where the value comes from, a literal set with set env, a removal with NAME-', () => {
    const fromConfig = { name: 'LOG_LEVEL', from: 'config' as const, ref: { name: 'shop-config', key: 'LOG_LEVEL' }, value: 'info' };
    const [patch] = hintsFor({ kind: 'env', containers: names, name: 'LOG_LEVEL', left: fromConfig, right: { name: 'LOG_LEVEL', from: 'value', value: 'debug mode' } }, left, right, 'sources');
    expect(patch.command).toMatch(/ patch configmap shop-config --type merge -p '\{"data":\{"LOG_LEVEL":"debug mode"\}\}'$/);
    expect(patch.note).toMatch(/rollout restart deployment\/web/);
    const [remove] = hintsFor({ kind: 'env', containers: names, name: 'EXTRA', left: { name: 'EXTRA', from: 'value', value: 'x' } }, left, right, 'sources');
    expect(remove.command).toMatch(/ set env deployment\/web -c web EXTRA-$/);
  });

  it('never copies a plain value into a hint where the other side keeps a secret, nor a masked credential', () => {
    const secret = { name: 'TOKEN', from: 'secret' as const, ref: { name: 's', key: 't' } };
    const plain = { name: 'TOKEN', from: 'value' as const, value: 'tok-very-secret' };
    const hints = hintsFor({ kind: 'env', containers: names, name: 'TOKEN', left: secret, right: plain }, left, right, 'sources');
    expect(JSON.stringify(hints)).not.toContain('tok-very-secret');
    const masked = { name: 'KEY', from: 'value' as const, value: '[masked by Parallax: AWS access key id; hmac 0123456789abcdef]' };
    const m = hintsFor({ kind: 'env', containers: names, name: 'KEY', right: masked }, left, right, 'sources');
    expect(JSON.stringify(m)).not.toContain('masked by Parallax');
  });

  it('over time only the live side is changed back; the demo source gets no --profile', () => {
    const demo = { ...right, source: { ...E, demo: true } };
    const hints = hintsFor({ kind: 'replicas', left: 3, right: 2 }, demo, demo, 'time');
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatchObject({ changes: 'right' });
    expect(hints[0].command).toBe('aws ecs update-service --cluster shop --service web --desired-count 3 --region eu-west-1 --endpoint-url http://127.0.0.1:5000');
  });

  it('quotes shell words only when needed', () => {
    expect(shellQuote('web=ghcr.io/a/web:1.8')).toBe('web=ghcr.io/a/web:1.8');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('a b')).toBe("'a b'");
  });
});
