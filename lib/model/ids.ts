// Stable ids for every normalized object (docs/ARCHITECTURE.md, "Identity and units"):
//   k8s/<context>/<namespace>/<Kind>/<name>   (cluster-scoped objects use "_" as namespace)
//   ecs/<profile>/<region>/<cluster>/<kind>/<name>
// Segments are percent-encoded so that a "/" inside a name (contexts often hold ARNs) never
// splits an id; ids are opaque everywhere else and compared for equality only.

export type Platform = 'kubernetes' | 'ecs';

const enc = (s: string) => encodeURIComponent(s);

export function k8sSourceId(context: string): string {
  return `k8s/${enc(context)}`;
}

export function ecsSourceId(profile: string, region: string): string {
  return `ecs/${enc(profile)}/${enc(region)}`;
}

/** Namespace "" or undefined for cluster-scoped kinds. */
export function k8sId(sourceId: string, namespace: string | undefined, kind: string, name: string): string {
  // join makes one flat string; a template literal makes a tree of concatenations that keeps each
  // piece alive (the namespace as parsed from every object's JSON among them).
  return [sourceId, namespace ? enc(namespace) : '_', kind, enc(name)].join('/');
}

export function ecsId(sourceId: string, cluster: string, kind: string, name: string): string {
  return `${sourceId}/${enc(cluster)}/${kind}/${enc(name)}`;
}
