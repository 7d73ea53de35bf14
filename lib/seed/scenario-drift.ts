// The table of deliberate differences a scenario documents in its DRIFT.md, for the tests that
// check the drift engine finds exactly those (no more: equal intent must never read as drift).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface DocumentedDifference {
  workload: string;
  /** "-" for workload-level fields. */
  container: string;
  field: string;
  kubernetes: string;
  ecs: string;
  severity: string;
}

/** The rows of the first table in DRIFT.md whose header starts with `| Workload |`. */
export async function documentedDrift(scenarioDir: string): Promise<DocumentedDifference[]> {
  const md = await readFile(path.join(scenarioDir, 'DRIFT.md'), 'utf8');
  const lines = md.split('\n');
  const start = lines.findIndex((l) => /^\|\s*Workload\s*\|/.test(l));
  if (start < 0) throw new Error('DRIFT.md has no "| Workload |" table');
  const rows: DocumentedDifference[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [workload, container, field, kubernetes, ecs, severity] = line.split('|').slice(1, -1).map((c) => c.trim());
    rows.push({ workload, container, field, kubernetes, ecs, severity });
  }
  return rows;
}

/** A row as a stable string, to compare sets of rows. */
export const differenceKey = (r: DocumentedDifference) => [r.workload, r.container, r.field, r.kubernetes, r.ecs, r.severity].join(' | ');
