// The User-Agent Parallax's adapters send, so that a cluster's audit log (and the simulators'
// request logs, see lib/testing/read-only.ts) can tell Parallax's reads from anyone else's.
import pkg from '@/package.json';

export const PARALLAX_PRODUCT = 'parallax';
export const PARALLAX_VERSION: string = pkg.version;
export const PARALLAX_USER_AGENT = `${PARALLAX_PRODUCT}/${PARALLAX_VERSION}`;

/** Whether a request's User-Agent says it came from Parallax (the AWS SDK appends it to its own). */
export function isParallaxAgent(userAgent: string | undefined): boolean {
  return !!userAgent && new RegExp(`(^|\\s)${PARALLAX_PRODUCT}/`).test(userAgent);
}
