// ECS clusters, task definitions and tags.
import { clusterArn, taskDefinitionArn } from './arns';
import { ApiError, invalidParameter } from './errors';
import { clusterOut, taskDefOut } from './ecs-shapes';
import { paginate, type Json, type Params } from './params';
import type { SimState } from './state';

export function createCluster(state: SimState, p: Params): Json {
  const name = p.str('clusterName') ?? 'default';
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    throw invalidParameter('Cluster name can have up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores.');
  }
  const arn = clusterArn(state, name);
  const existing = state.clusters.get(arn);
  // CreateCluster is idempotent on an ACTIVE cluster of that name.
  if (!existing || existing.status !== 'ACTIVE') {
    state.clusters.set(arn, {
      arn,
      name,
      status: 'ACTIVE',
      createdAt: state.now(),
      settings: p.objList('settings') ?? [{ name: 'containerInsights', value: 'disabled' }],
      capacityProviders: p.strList('capacityProviders') ?? [],
      defaultCapacityProviderStrategy: p.objList('defaultCapacityProviderStrategy') ?? [],
      configuration: p.obj('configuration'),
    });
    state.tags.set(arn, p.tags());
  }
  const c = state.clusters.get(arn);
  if (!c) throw new ApiError('ServerException', 'cluster vanished', 500);
  return { cluster: clusterOut(state, c, ['TAGS', 'SETTINGS']) };
}

export function deleteCluster(state: SimState, p: Params): Json {
  const c = state.cluster(p.reqStr('cluster'));
  if ([...state.services.values()].some((s) => s.clusterArn === c.arn && s.status !== 'INACTIVE')) {
    throw new ApiError('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
  }
  if (state.instancesOf(c.arn).some((i) => i.status !== 'INACTIVE')) {
    throw new ApiError('ClusterContainsContainerInstancesException', 'The Cluster cannot be deleted while Container Instances are active or draining.');
  }
  c.status = 'INACTIVE';
  return { cluster: clusterOut(state, c, []) };
}

export function describeClusters(state: SimState, p: Params): Json {
  const refs = p.strList('clusters') ?? ['default'];
  if (refs.length > 100) throw invalidParameter('Clusters cannot have more than 100 elements');
  const include = p.strList('include') ?? [];
  const clusters: Json[] = [];
  const failures: Json[] = [];
  for (const ref of refs) {
    try {
      clusters.push(clusterOut(state, state.cluster(ref), include));
    } catch {
      failures.push({ arn: ref.startsWith('arn:') ? ref : clusterArn(state, ref), reason: 'MISSING' });
    }
  }
  return { clusters, failures };
}

export function listClusters(state: SimState, p: Params): Json {
  const arns = [...state.clusters.values()].filter((c) => c.status === 'ACTIVE').map((c) => c.arn);
  const page = paginate(arns, p.str('nextToken'), p.int('maxResults'), { def: 100, max: 100 });
  return { clusterArns: page.items, nextToken: page.nextToken };
}

export function putClusterCapacityProviders(state: SimState, p: Params): Json {
  const c = state.cluster(p.reqStr('cluster'));
  const providers = p.strList('capacityProviders');
  const strategy = p.objList('defaultCapacityProviderStrategy');
  if (!providers || !strategy) throw invalidParameter('capacityProviders and defaultCapacityProviderStrategy are required.');
  for (const s of strategy) {
    if (typeof s.capacityProvider !== 'string' || !providers.includes(s.capacityProvider)) {
      throw invalidParameter('The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster.');
    }
  }
  c.capacityProviders = providers;
  c.defaultCapacityProviderStrategy = strategy;
  return { cluster: clusterOut(state, c, ['SETTINGS']) };
}

/** Only the AWS-managed Fargate providers exist here; Auto Scaling group providers are not simulated. */
export function describeCapacityProviders(state: SimState, p: Params): Json {
  const all = ['FARGATE', 'FARGATE_SPOT'].map((name) => ({
    capacityProviderArn: `arn:aws:ecs:${state.region}:${state.accountId}:capacity-provider/${name}`,
    name,
    status: 'ACTIVE',
    tags: [],
  }));
  const refs = p.strList('capacityProviders');
  if (!refs) return { capacityProviders: all, failures: [] };
  return {
    capacityProviders: all.filter((c) => refs.includes(c.name) || refs.includes(c.capacityProviderArn)),
    failures: refs.filter((r) => !all.some((c) => c.name === r || c.capacityProviderArn === r)).map((arn) => ({ arn, reason: 'MISSING' })),
  };
}

export function registerTaskDefinition(state: SimState, p: Params): Json {
  const family = p.reqStr('family');
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(family)) throw new ApiError('ClientException', 'Family contains invalid characters.');
  const containers = p.objList('containerDefinitions') ?? [];
  if (containers.length === 0) throw new ApiError('ClientException', 'Container list cannot be empty.');
  for (const c of containers) {
    if (typeof c.name !== 'string' || typeof c.image !== 'string') throw new ApiError('ClientException', 'Container.name and Container.image should not be null or empty.');
  }
  const requires = p.strList('requiresCompatibilities') ?? [];
  if (requires.includes('FARGATE')) {
    if (p.str('networkMode') !== 'awsvpc') throw new ApiError('ClientException', "Fargate only supports network mode 'awsvpc'.");
    if (!p.has('cpu')) throw new ApiError('ClientException', "Fargate requires that 'cpu' be defined at the task level.");
    if (!p.has('memory')) throw new ApiError('ClientException', "Fargate requires that 'memory' be defined at the task level.");
  }
  let revision = 1;
  for (const td of state.taskDefs.values()) if (td.family === family && td.revision >= revision) revision = td.revision + 1;
  const arn = taskDefinitionArn(state, family, revision);
  const { tags: _tags, ...input } = p.raw;
  state.taskDefs.set(arn, { arn, family, revision, status: 'ACTIVE', registeredAt: state.now(), input });
  const tags = p.tags();
  state.tags.set(arn, tags);
  const td = state.taskDefs.get(arn);
  if (!td) throw new ApiError('ServerException', 'task definition vanished', 500);
  return { taskDefinition: taskDefOut(td), tags };
}

export function describeTaskDefinition(state: SimState, p: Params): Json {
  const td = state.taskDef(p.reqStr('taskDefinition'));
  const include = p.strList('include') ?? [];
  const out: Json = { taskDefinition: taskDefOut(td) };
  if (include.includes('TAGS')) out.tags = state.tagsOf(td.arn);
  return out;
}

export function deregisterTaskDefinition(state: SimState, p: Params): Json {
  const ref = p.reqStr('taskDefinition');
  if (!ref.includes(':') ) throw new ApiError('ClientException', 'Revision is required when deregistering a task definition.');
  const td = state.taskDef(ref);
  td.status = 'INACTIVE';
  return { taskDefinition: taskDefOut(td) };
}

export function listTaskDefinitions(state: SimState, p: Params): Json {
  const family = p.str('familyPrefix');
  const status = p.str('status') ?? 'ACTIVE';
  const sort = p.str('sort') ?? 'ASC';
  const all = [...state.taskDefs.values()]
    .filter((td) => (family === undefined || td.family === family) && td.status === status)
    .sort((a, b) => a.family.localeCompare(b.family) || a.revision - b.revision);
  if (sort === 'DESC') all.reverse();
  const page = paginate(all.map((td) => td.arn), p.str('nextToken'), p.int('maxResults'), { def: 100, max: 100 });
  return { taskDefinitionArns: page.items, nextToken: page.nextToken };
}

export function listTaskDefinitionFamilies(state: SimState, p: Params): Json {
  const prefix = p.str('familyPrefix') ?? '';
  const status = p.str('status') ?? 'ACTIVE';
  const families = new Set<string>();
  for (const td of state.taskDefs.values()) {
    if (!td.family.startsWith(prefix)) continue;
    if (status === 'ALL' || td.status === status) families.add(td.family);
  }
  const page = paginate([...families].sort(), p.str('nextToken'), p.int('maxResults'), { def: 100, max: 100 });
  return { families: page.items, nextToken: page.nextToken };
}

function requireTaggable(state: SimState, arn: string): void {
  const known =
    state.clusters.has(arn) || state.services.has(arn) || state.tasks.has(arn) || state.taskDefs.has(arn) || state.containerInstances.has(arn);
  if (!arn.startsWith('arn:')) throw invalidParameter('Invalid identifier: Unexpected number of separators');
  if (!known) throw new ApiError('ResourceNotFoundException', 'The specified resource could not be found.');
}

export function tagResource(state: SimState, p: Params): Json {
  const arn = p.reqStr('resourceArn');
  requireTaggable(state, arn);
  state.addTags(arn, p.tags());
  return {};
}

export function untagResource(state: SimState, p: Params): Json {
  const arn = p.reqStr('resourceArn');
  requireTaggable(state, arn);
  const keys = p.strList('tagKeys') ?? [];
  state.tags.set(arn, state.tagsOf(arn).filter((t) => !keys.includes(t.key)));
  return {};
}

export function listTagsForResource(state: SimState, p: Params): Json {
  const arn = p.reqStr('resourceArn');
  requireTaggable(state, arn);
  return { tags: state.tagsOf(arn) };
}
