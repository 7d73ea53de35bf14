import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ecsSecretHashes, resolveSources, type DiscoverKubeContexts } from './sources';

const none: DiscoverKubeContexts = () => ({ paths: [], contexts: [] });
const two: DiscoverKubeContexts = () => ({ paths: ['/k/config'], contexts: [{ name: 'kind-a' }, { name: 'eks-prod' }] });
const home = () => fs.mkdtempSync(path.join(os.tmpdir(), 'parallax-home-'));

describe('resolveSources', () => {
  it('runs the demo when nothing is configured', () => {
    const r = resolveSources({ env: {}, homeDir: home(), discoverKubeContexts: none });
    expect(r).toEqual({ sources: [], problems: [], notConfigured: [], demo: true });
  });

  it('takes every kubeconfig context by default, and only the listed ones when asked', () => {
    const all = resolveSources({ env: {}, homeDir: home(), discoverKubeContexts: two });
    expect(all.demo).toBe(false);
    expect(all.sources.map((s) => s.platform === 'kubernetes' && s.context)).toEqual(['kind-a', 'eks-prod']);
    const one = resolveSources({ env: { PARALLAX_KUBE_CONTEXTS: 'eks-prod,missing' }, homeDir: home(), discoverKubeContexts: two });
    expect(one.sources).toHaveLength(1);
    expect(one.problems[0].reason).toContain('context "missing" is not in /k/config');
  });

  it('reports a broken kubeconfig as a problem instead of falling back to the demo', () => {
    const broken: DiscoverKubeContexts = () => ({ paths: ['/k/bad'], contexts: [], error: '/k/bad: bad indentation' });
    const r = resolveSources({ env: {}, homeDir: home(), discoverKubeContexts: broken });
    expect(r.demo).toBe(false);
    expect(r.problems).toEqual([{ platform: 'kubernetes', name: 'kubeconfig', reason: '/k/bad: bad indentation' }]);
  });

  it('makes the default ECS source from a region and credentials, honouring the endpoint override', () => {
    const r = resolveSources({
      env: { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' },
      homeDir: home(), discoverKubeContexts: none,
    });
    expect(r.demo).toBe(false);
    expect(r.sources).toEqual([{ platform: 'ecs', profile: 'default', region: 'eu-west-1', endpoint: 'http://127.0.0.1:5000', pollIntervalMs: 10000, demo: false }]);
  });

  it('finds the region and credentials of a profile in the shared files', () => {
    const h = home();
    fs.mkdirSync(path.join(h, '.aws'));
    fs.writeFileSync(path.join(h, '.aws', 'config'), '[profile staging]\nregion = us-west-2\nsso_session = corp\n');
    const r = resolveSources({ env: { AWS_PROFILE: 'staging' }, homeDir: h, discoverKubeContexts: none });
    expect(r.sources).toEqual([expect.objectContaining({ profile: 'staging', region: 'us-west-2' })]);
    // A region asks for ECS: whether it has credentials is the SDK chain's answer at start (lib/config/aws-credentials.ts).
    const regionOnly = resolveSources({ env: { AWS_REGION: 'us-east-1' }, homeDir: home(), discoverKubeContexts: none });
    expect(regionOnly.sources).toEqual([expect.objectContaining({ profile: 'default', region: 'us-east-1' })]);
    expect(regionOnly.demo).toBe(false);
  });

  it('a named profile without a region could not start, with what to set; a missing profile is left to the credential check', () => {
    const r = resolveSources({ env: { AWS_PROFILE: 'ghost' }, homeDir: home(), discoverKubeContexts: none });
    expect(r.sources).toEqual([]);
    expect(r.demo).toBe(false);
    expect(r.problems).toEqual([{ platform: 'ecs', name: 'ghost', reason: expect.stringContaining('profile "ghost": no AWS region'), hint: expect.stringContaining('[profile ghost]') }]);
    const withRegion = resolveSources({ env: { AWS_PROFILE: 'ghost', AWS_REGION: 'eu-west-1' }, homeDir: home(), discoverKubeContexts: none });
    expect(withRegion.sources).toEqual([expect.objectContaining({ profile: 'ghost', region: 'eu-west-1' })]);
  });

  it('names the platform nobody configured when the other one is, and nothing in the demo', () => {
    const ecsOnly = resolveSources({ env: { AWS_REGION: 'eu-west-1' }, homeDir: home(), discoverKubeContexts: none });
    expect(ecsOnly.notConfigured).toEqual([{ platform: 'kubernetes', reason: expect.stringContaining('no kubeconfig'), hint: expect.stringContaining('KUBECONFIG') }]);
    const kubeOnly = resolveSources({ env: {}, homeDir: home(), discoverKubeContexts: two });
    expect(kubeOnly.notConfigured).toEqual([{ platform: 'ecs', reason: expect.stringContaining('no AWS region or profile'), hint: expect.stringContaining('AWS_REGION') }]);
    expect(resolveSources({ env: {}, homeDir: home(), discoverKubeContexts: none })).toMatchObject({ demo: true, notConfigured: [] });
  });

  it('parses PARALLAX_ECS_SOURCES and rejects malformed entries with a clear reason', () => {
    const r = resolveSources({
      env: { PARALLAX_ECS_SOURCES: 'prod@us-east-1, eu-central-1=http://localhost:4566, nonsense', PARALLAX_ECS_POLL_MS: '2500' },
      homeDir: home(), discoverKubeContexts: none,
    });
    expect(r.sources).toEqual([
      { platform: 'ecs', profile: 'prod', region: 'us-east-1', endpoint: undefined, pollIntervalMs: 2500, demo: false },
      { platform: 'ecs', profile: 'default', region: 'eu-central-1', endpoint: 'http://localhost:4566', pollIntervalMs: 2500, demo: false },
    ]);
    expect(r.problems[0].reason).toContain('"nonsense" is not');
  });

  it('reads ECS secret values only when PARALLAX_ECS_SECRET_HASHES turns it on', () => {
    const env = { PARALLAX_ECS_SOURCES: 'prod@us-east-1,eu-west-1' };
    const off = resolveSources({ env, homeDir: home(), discoverKubeContexts: none });
    expect(off.sources.map((s) => s.platform === 'ecs' && s.secretHashes)).toEqual([undefined, undefined]);
    const on = resolveSources({ env: { ...env, PARALLAX_ECS_SECRET_HASHES: '1' }, homeDir: home(), discoverKubeContexts: none });
    expect(on.sources.map((s) => s.platform === 'ecs' && s.secretHashes)).toEqual([true, true]);
    const byDefault = resolveSources({ env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', PARALLAX_ECS_SECRET_HASHES: 'true' }, homeDir: home(), discoverKubeContexts: none });
    expect(byDefault.sources).toEqual([expect.objectContaining({ profile: 'default', secretHashes: true })]);
    // The embedded demo passes fallback true: on unless "0".
    expect([ecsSecretHashes({}, true), ecsSecretHashes({ PARALLAX_ECS_SECRET_HASHES: '0' }, true), ecsSecretHashes({ PARALLAX_ECS_SECRET_HASHES: 'off' }, true)]).toEqual([true, false, false]);
    expect([ecsSecretHashes({}, false), ecsSecretHashes({ PARALLAX_ECS_SECRET_HASHES: 'maybe' }, false)]).toEqual([false, false]);
  });

  it('PARALLAX_DEMO=1 forces the demo even with sources configured', () => {
    const r = resolveSources({ env: { PARALLAX_DEMO: '1' }, homeDir: home(), discoverKubeContexts: two });
    expect(r).toEqual({ sources: [], problems: [], notConfigured: [], demo: true });
  });
});
