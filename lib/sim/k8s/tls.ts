/** The fixed test-only certificate of lib/sim/tls (see its README). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function tlsDir(): string {
  const candidates = [path.resolve(process.cwd(), 'lib', 'sim', 'tls')];
  if (typeof __dirname === 'string') candidates.unshift(path.resolve(__dirname, '..', 'tls'));
  const dir = candidates.find((d) => existsSync(path.join(d, 'cert.pem')));
  if (!dir) throw new Error(`k8s simulator: test certificate not found in ${candidates.join(' or ')}`);
  return dir;
}

export function loadTestCertificate(): { cert: string; key: string } {
  const dir = tlsDir();
  return {
    cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
  };
}
