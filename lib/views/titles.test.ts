import { describe, expect, it } from 'vitest';
import { pairTitle, resourcesTitle, workloadTitle } from './titles';

describe('page titles', () => {
  it('name the object the page shows', () => {
    expect(workloadTitle('k8s/kind-demo/shop/Deployment/web')).toBe('web · Workloads');
    expect(workloadTitle('ecs/demo/us-east-1/shop-cluster/service/api')).toBe('api · Workloads');
    expect(workloadTitle(undefined)).toBe('Workloads');
    expect(pairTitle('k8s/kind-demo/shop/Deployment/web|ecs/demo/us-east-1/shop/service/web')).toBe('web · Drift');
    expect(pairTitle('k8s/a/shop/Deployment/web-frontend|ecs/d/us-east-1/shop/service/web')).toBe('web-frontend ⟷ web · Drift');
    expect(resourcesTitle('volumes')).toBe('Volumes · Resources');
    expect(resourcesTitle('bogus')).toBe('Instances · Resources');
  });
});
