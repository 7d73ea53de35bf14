/**
 * Plain (unaggregated) discovery documents: `/api`, `/apis`, `/api/v1`, `/apis/<g>/<v>`.
 * kubectl first asks for aggregated discovery (apidiscovery.k8s.io/v2) and falls back to these
 * when the reply's Content-Type is plain `application/json`.
 */
import { groupsInOrder, RESOURCES, type ResourceDef, groupVersion } from './resources';
import type { Dict } from './types';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

function verbsFor(r: ResourceDef): string[] {
  if (r.computed) return ['get', 'list'];
  return r.virtual ? ['create'] : [...WRITE, ...READ].sort();
}

export function coreVersions(): Dict {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
  };
}

function groupDoc(group: string, versions: string[]): Dict {
  const vs = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: vs, preferredVersion: vs[0] };
}

export function apiGroupList(): Dict {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groupsInOrder().map((g) => groupDoc(g.group, g.versions)),
  };
}

export function apiGroup(group: string): Dict | undefined {
  const g = groupsInOrder().find((x) => x.group === group);
  if (!g) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(g.group, g.versions) };
}

export function apiResourceList(gv: string): Dict | undefined {
  const rs = RESOURCES.filter((r) => groupVersion(r) === gv);
  if (rs.length === 0) return undefined;
  const resources: Dict[] = [];
  for (const r of rs) {
    const base: Dict = {
      name: r.name,
      singularName: r.singularName,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: verbsFor(r),
    };
    if (r.shortNames.length) base.shortNames = r.shortNames;
    if (r.categories) base.categories = r.categories;
    resources.push(base);
    for (const sub of r.subresources) {
      if (sub === 'scale') {
        resources.push({
          name: `${r.name}/scale`,
          singularName: '',
          namespaced: r.namespaced,
          group: 'autoscaling',
          version: 'v1',
          kind: 'Scale',
          verbs: ['get', 'patch', 'update'],
        });
      } else if (sub === 'log') {
        resources.push({ name: `${r.name}/log`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get'] });
      } else if (sub === 'eviction') {
        resources.push({ name: `${r.name}/eviction`, singularName: '', namespaced: r.namespaced, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
      } else {
        resources.push({ name: `${r.name}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: ['get', 'patch', 'update'] });
      }
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources };
}
