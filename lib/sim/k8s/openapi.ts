/**
 * Minimal OpenAPI v3 documents. kubectl's default `--validate=strict` first asks `/openapi/v3`
 * whether the server supports the `fieldValidation` query parameter for the object's
 * group/version/kind (a PATCH operation carrying `x-kubernetes-group-version-kind` and that
 * parameter); if so it leaves validation to the server and sends `fieldValidation=Strict`.
 * The kinds of proto-schema.ts also get `components.schemas` (openapi-schemas.ts) for
 * `kubectl explain`. PATCH operations declare no request body types, so kubectl's client-side
 * apply does not build strategic merge patches from these partial schemas and keeps using its
 * built-in types.
 */
import { createHash } from 'node:crypto';
import { groupVersion, RESOURCES } from './resources';
import { schemasFor } from './openapi-schemas';
import type { Dict } from './types';

function gvPath(gv: string): string {
  return gv.includes('/') ? `apis/${gv}` : `api/${gv}`;
}

const docs = new Map<string, Dict>();
for (const r of RESOURCES) {
  if (r.virtual || r.computed) continue;
  const gv = groupVersion(r);
  let doc = docs.get(gv);
  if (!doc) {
    doc = { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.4' }, paths: {} };
    docs.set(gv, doc);
  }
  const base = `/${gvPath(gv)}/${r.namespaced ? 'namespaces/{namespace}/' : ''}${r.name}`;
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const params = (verb: string): Dict[] => [
    { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
    { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
    { name: 'fieldValidation', in: 'query', description: `fieldValidation instructs the server on how to handle objects in the request (${verb})`, schema: { type: 'string', uniqueItems: true } },
  ];
  const op = (verb: string, action: string): Dict => ({
    operationId: `${verb}${r.kind}`,
    parameters: params(verb),
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
  });
  (doc.paths as Dict)[base] = { post: op('create', 'post') };
  (doc.paths as Dict)[`${base}/{name}`] = { put: op('replace', 'put'), patch: op('patch', 'patch') };
}

for (const [gv, doc] of docs) {
  const schemas = schemasFor(gv);
  if (Object.keys(schemas).length) doc.components = { schemas };
}

const hashes = new Map([...docs.entries()].map(([gv, d]) => [gv, createHash('sha512').update(JSON.stringify(d)).digest('hex').slice(0, 64).toUpperCase()]));

export function openApiV3Index(): Dict {
  const paths: Dict = {};
  for (const gv of docs.keys()) paths[gvPath(gv)] = { serverRelativeURL: `/openapi/v3/${gvPath(gv)}?hash=${hashes.get(gv)}` };
  return { paths };
}

/** The document for `/openapi/v3/api/v1` or `/openapi/v3/apis/<group>/<version>`. */
export function openApiV3Doc(path: string): Dict | undefined {
  const m = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))$/.exec(path);
  if (!m) return undefined;
  return docs.get(m[1] ?? m[2]);
}
