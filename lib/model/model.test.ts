import { describe, expect, it } from 'vitest';
import { cpuToMillis, ecsCpuToMillis, millisToEcsCpu, ecsMemoryToBytes, formatBytes, memoryToBytes, parseQuantity } from './units';
import { imageTail, parseImage, sameImage, shortImage } from './image';
import { ecsId, ecsSourceId, k8sId, k8sSourceId } from './ids';

describe('units', () => {
  it('parses Kubernetes CPU quantities into millicores', () => {
    expect(cpuToMillis('250m')).toBe(250);
    expect(cpuToMillis('0.5')).toBe(500);
    expect(cpuToMillis('2')).toBe(2000);
    expect(cpuToMillis(1)).toBe(1000);
    expect(cpuToMillis('100u')).toBe(1); // sub-millicore requests round up, like the scheduler
    expect(cpuToMillis('garbage')).toBeUndefined();
  });
  it('parses Kubernetes memory quantities into bytes', () => {
    expect(memoryToBytes('512Mi')).toBe(512 * 2 ** 20);
    expect(memoryToBytes('0.5Gi')).toBe(2 ** 29);
    expect(memoryToBytes('500M')).toBe(500e6);
    expect(memoryToBytes('1e3')).toBe(1000);
    expect(memoryToBytes('16393524Ki')).toBe(16393524 * 1024);
    expect(parseQuantity('1.5k')).toBe(1500);
  });
  it('converts ECS units: 1024 CPU units = 1000m, MiB to bytes', () => {
    expect(ecsCpuToMillis(1024)).toBe(1000);
    expect(ecsCpuToMillis('512')).toBe(500);
    expect(ecsCpuToMillis('0.25 vCPU')).toBe(250);
    expect(ecsMemoryToBytes(1024)).toBe(2 ** 30);
    expect(ecsMemoryToBytes('2 GB')).toBe(2 * 2 ** 30);
    expect(ecsCpuToMillis(undefined)).toBeUndefined();
    for (const units of [128, 256, 512, 1024, 4096]) expect(millisToEcsCpu(ecsCpuToMillis(units)!)).toBe(units);
  });
  it('an ECS 512-unit task and a Kubernetes 500m container are the same CPU', () => {
    expect(ecsCpuToMillis(512)).toBe(cpuToMillis('500m'));
    expect(ecsMemoryToBytes(1024)).toBe(memoryToBytes('1Gi'));
  });
  it('formats bytes with binary suffixes', () => {
    expect(formatBytes(2 ** 30)).toBe('1Gi');
    expect(formatBytes(1536 * 2 ** 20)).toBe('1.5Gi');
  });
});

describe('image references', () => {
  it('canonicalizes Docker Hub short names', () => {
    expect(parseImage('nginx:1.27').canonical).toBe('docker.io/library/nginx:1.27');
    expect(parseImage('nginx').canonical).toBe('docker.io/library/nginx:latest');
    expect(parseImage('bitnami/redis:7').canonical).toBe('docker.io/bitnami/redis:7');
    expect(sameImage('nginx:1.27', 'docker.io/library/nginx:1.27')).toBe(true);
    expect(sameImage('nginx:1.27', 'nginx:1.26')).toBe(false);
  });
  it('keeps registries with ports and ECR hosts, and lets a digest win', () => {
    const ecr = parseImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.8.2');
    expect(ecr.registry).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com');
    expect(ecr.repository).toBe('shop/web');
    expect(ecr.tag).toBe('1.8.2');
    const local = parseImage('localhost:5000/app');
    expect(local.registry).toBe('localhost:5000');
    expect(local.tag).toBe('latest');
    const pinned = parseImage('nginx:1.27@sha256:abc123');
    expect(pinned.canonical).toBe('docker.io/library/nginx@sha256:abc123');
    expect(shortImage(parseImage('docker.io/library/nginx:1.27'))).toBe('nginx:1.27');
  });
});

describe('imageTail', () => {
  it('keeps the part that tells two versions apart, and adds nothing', () => {
    expect(imageTail('ghcr.io/parallax-demo/shop-web:1.8.2')).toBe('shop-web:1.8.2');
    expect(imageTail('postgres:16.4')).toBe('postgres:16.4');
    expect(imageTail('localhost:5000/app:1')).toBe('app:1');
    expect(imageTail('nginx')).toBe('nginx');
    expect(imageTail('nginx@sha256:0123456789abcdef0123')).toBe('nginx@sha256:0123456789ab');
    // The narrow column of a shortImage: the same digest cut.
    expect(imageTail(shortImage(parseImage('ghcr.io/acme/web:2@sha256:0123456789abcdef0123')))).toBe('web:2@sha256:0123456789ab');
  });
});

describe('ids', () => {
  it('builds stable ids that survive slashes in names', () => {
    const src = k8sSourceId('arn:aws:eks:us-east-1:1:cluster/prod');
    const id = k8sId(src, 'shop', 'Deployment', 'web');
    expect(id).toBe('k8s/arn%3Aaws%3Aeks%3Aus-east-1%3A1%3Acluster%2Fprod/shop/Deployment/web');
    expect(id.split('/')).toHaveLength(5);
    expect(decodeURIComponent(id.split('/')[1])).toBe('arn:aws:eks:us-east-1:1:cluster/prod');
    expect(k8sId(src, undefined, 'Node', 'n1')).toContain('/_/Node/n1');
    const e = ecsId(ecsSourceId('default', 'us-east-1'), 'shop', 'service', 'web');
    expect(e).toBe('ecs/default/us-east-1/shop/service/web');
  });
});
