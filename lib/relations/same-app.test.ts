import { describe, expect, it } from 'vitest';
import { sampleWorkload } from '@/lib/testing/sample-snapshot';
import type { Workload } from '@/lib/model';
import { alsoOn, APP_LABEL, labelsDisagree } from './same-app';

const w = (id: string, source: string, name: string, app?: string): Workload =>
  sampleWorkload({ id, source, name, platform: source === 'ecs' ? 'ecs' : 'kubernetes', labels: app ? { [APP_LABEL]: app } : {} });

describe('same application on another source', () => {
  const k8sWeb = w('k/web', 'k8s', 'web', 'shop-web');
  it.each([
    ['the app label wins over the name', k8sWeb, [w('e/frontend', 'ecs', 'frontend', 'shop-web'), w('e/web', 'ecs', 'web')], [['e/frontend', 'label']]],
    ['else the same name, when the other carries no app label', k8sWeb, [w('e/web', 'ecs', 'web')], [['e/web', 'name']]],
    ['never when both carry different app labels', k8sWeb, [w('e/web', 'ecs', 'web', 'other')], []],
    ['never on the same source', k8sWeb, [w('k/other/web', 'k8s', 'web', 'shop-web')], []],
    ['an unlabelled workload matches labelled ones by name', w('k/api', 'k8s', 'api'), [w('e/api', 'ecs', 'api', 'api')], [['e/api', 'name']]],
    ['several candidates are all listed', w('k/api', 'k8s', 'api'), [w('e/api', 'ecs', 'api'), w('x/api', 'ecs2', 'api')], [['e/api', 'name'], ['x/api', 'name']]],
  ] as const)('%s', (_, workload, candidates, expected) => {
    expect(alsoOn(workload, [workload, ...candidates]).map((a) => [a.workload.id, a.by])).toEqual(expected);
  });
  it('a configured label replaces app.kubernetes.io/name', () => {
    const a = sampleWorkload({ id: 'k/a', platform: 'kubernetes', source: 'k8s', name: 'a', labels: { team: 'x' } });
    const b = sampleWorkload({ id: 'e/b', platform: 'ecs', source: 'ecs', name: 'b', labels: { team: 'x' } });
    expect(alsoOn(a, [b], 'team').map((x) => x.by)).toEqual(['label']);
    expect(labelsDisagree(a, { ...b, labels: { team: 'y' } }, 'team')).toBe(true);
    expect(labelsDisagree(a, { ...b, labels: {} }, 'team')).toBe(false);
  });
});
