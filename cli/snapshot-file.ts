// Saved snapshots (`parallax snapshot`, read back by `parallax drift --against FILE`): validated
// with the model's SnapshotSchema, errors in one line that says what is wrong and where.
import fs from 'node:fs/promises';
import { COLLECTIONS, SnapshotSchema, type Snapshot } from '@/lib/model';
import { CliError } from './errors';

const pathText = (p: readonly PropertyKey[]) => p.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');

/** The snapshot in `text`, or a CliError naming `file` and the first problem. Pure. */
export function parseSnapshot(text: string, file: string): Snapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CliError(`${file} is not JSON (${(e as Error).message}); 'parallax snapshot --out FILE' writes a snapshot`);
  }
  const parsed = SnapshotSchema.safeParse(json);
  if (!parsed.success) {
    const [first, ...more] = parsed.error.issues;
    const where = first.path.length ? `${pathText(first.path)}: ` : '';
    throw new CliError(`${file} is not a Parallax snapshot: ${where}${first.message}${more.length ? ` (and ${more.length} more problem${more.length === 1 ? '' : 's'})` : ''}; 'parallax snapshot --out FILE' writes one`);
  }
  return parsed.data;
}

export async function readSnapshotFile(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${(e as Error).message}`);
  }
  return parseSnapshot(text, file);
}

/** The snapshot with only these sources and their objects. Pure. */
export function restrictToSources(snapshot: Snapshot, sourceIds: ReadonlySet<string>): Snapshot {
  const out = { ...snapshot, sources: snapshot.sources.filter((s) => sourceIds.has(s.id)) } as Snapshot;
  for (const c of COLLECTIONS) {
    (out as Record<string, unknown>)[c] = (snapshot[c] as { source: string }[]).filter((o) => sourceIds.has(o.source));
  }
  return out;
}

/** The source of `snapshot` a --source names (id or name), if any. */
export function findSource(snapshot: Pick<Snapshot, 'sources'>, ref: string) {
  return snapshot.sources.find((s) => s.id === ref) ?? snapshot.sources.find((s) => s.name === ref);
}
