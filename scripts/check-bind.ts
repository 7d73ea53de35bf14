// Run by scripts/dev.sh before Next starts: resolves HOST and PORT as the server will see them (the
// shell, then the .env files Next loads), refuses a non-loopback address without PARALLAX_TOKEN
// (lib/security/config.ts), and prints "HOST PORT" for dev.sh to pass to Next.
import { loadEnvConfig } from '@next/env';
import { bindCheck } from '@/lib/security/config';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
loadEnvConfig(process.cwd(), mode === 'dev', { info: () => {}, error: (...a: unknown[]) => console.error(...a) });
const host = process.env.HOST?.trim() || '127.0.0.1';
const port = process.env.PORT?.trim() || '3000';
const check = bindCheck({ ...process.env, host });
if (!check.ok) {
  console.error(`parallax: ${check.error}`);
  process.exit(1);
}
for (const w of check.warnings) console.error(`parallax: warning: ${w}`);
process.stdout.write(`${host} ${port}\n`);
