// An env or config value as the page shows it: the value itself, or, where it looks like a
// credential, a flag and the reason instead (the API has already masked it; see lib/security/credentials.ts).
import { plainValueView } from '@/lib/security/credentials';
import { Pill } from './ui';

export type PlainWhere = 'environment' | 'config';

const ADVICE = 'Anyone who can read the task definition or the workload reads this value. Keep it in a secret (Secrets Manager, SSM SecureString, a Kubernetes Secret) and reference it. Parallax masks it in its API and pages.';

export function PlainValue({ name, value, where }: { name: string; value: string | undefined; where: PlainWhere }) {
  const v = plainValueView(name, value);
  if (!v.masked) return <>{v.text}</>;
  return (
    <span data-testid="credential-flag" className="inline-flex flex-wrap items-center gap-x-1.5 font-sans">
      <Pill tone="bad" title={ADVICE}>credential in plain {where}</Pill>
      <span className="text-muted">{v.kind} · masked</span>
    </span>
  );
}

/** The same, as text (table cells that render strings, and their filter/sort value). */
export function plainValueText(name: string, value: string | undefined, where: PlainWhere): string {
  const v = plainValueView(name, value);
  return v.masked ? `[credential in plain ${where}: ${v.kind}, masked]` : v.text;
}
