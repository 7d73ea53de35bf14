// Canonical container image references, so that "nginx:1.27" and "docker.io/library/nginx:1.27"
// compare equal. Rules follow the distribution reference grammar used by Docker and containerd:
// the first path component is a registry only if it contains "." or ":" or is "localhost";
// Docker Hub single-component names live under "library/"; no tag means "latest";
// a digest, when present, identifies the image whatever the tag says.
import { z } from 'zod';

export const ImageRefSchema = z.object({
  /** As written in the spec or task definition. */
  raw: z.string(),
  registry: z.string(),
  repository: z.string(),
  tag: z.string().optional(),
  digest: z.string().optional(),
  /** registry/repository@digest when a digest is known, else registry/repository:tag. */
  canonical: z.string(),
});
export type ImageRef = z.infer<typeof ImageRefSchema>;

const DOCKER_HUB = 'docker.io';

export function parseImage(raw: string): ImageRef {
  let rest = raw.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!;
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  let repository = parts.join('/');
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (!tag && !digest) tag = 'latest';
  const canonical = digest ? `${registry}/${repository}@${digest}` : `${registry}/${repository}:${tag}`;
  return { raw, registry, repository, tag, digest, canonical };
}

/** Characters of a digest shown: "sha256:" and the first 12 hex digits. */
const DIGEST_SHOWN = 19;

/** Short form for display: drops docker.io/library/ and docker.io/. */
export function shortImage(ref: ImageRef): string {
  let name = `${ref.registry}/${ref.repository}`;
  if (name.startsWith(`${DOCKER_HUB}/library/`)) name = name.slice(`${DOCKER_HUB}/library/`.length);
  else if (name.startsWith(`${DOCKER_HUB}/`)) name = name.slice(`${DOCKER_HUB}/`.length);
  if (ref.tag) name += `:${ref.tag}`;
  if (ref.digest) name += `@${ref.digest.slice(0, DIGEST_SHOWN)}`;
  return name;
}

/**
 * The narrowest form, for a table column: an image as written (or a shortImage) reduced to its last
 * path component, tag and short digest, which is what differs between two deployments of one app
 * ("ghcr.io/acme/shop-web:1.8.2" -> "shop-web:1.8.2"). Nothing is added: no ":latest" for an untagged image.
 */
export function imageTail(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const tail = name.slice(name.lastIndexOf('/') + 1);
  return at >= 0 ? `${tail}@${image.slice(at + 1, at + 1 + DIGEST_SHOWN)}` : tail;
}

export function sameImage(a: string, b: string): boolean {
  return parseImage(a).canonical === parseImage(b).canonical;
}
