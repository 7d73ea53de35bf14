// `parallax snapshot`: the normalized snapshot of the sources as JSON, for `drift --against` later.
// Secrets appear as keyed hashes made with the persistent key; the key itself is never written.
import type { SnapshotArgs } from '../args';
import { EXIT_ERROR, EXIT_OK } from '../errors';
import { progressTo, warningTo, writeResult, type CliIO } from '../io';
import { progressLine } from '../progress';

export async function snapshotCommand(args: SnapshotArgs, io: CliIO): Promise<number> {
  const progress = progressTo(io, args.quiet);
  const { readSourcesOnce, persistentHasher } = await import('../read-sources');
  const hasher = persistentHasher(io);
  const read = await readSourcesOnce({
    env: io.env, demo: args.demo || io.env.PARALLAX_DEMO === '1', select: args.sources, strict: true,
    timeoutMs: args.timeoutMs, hasher, progress, warn: warningTo(io), ...(io.homeDir ? { homeDir: io.homeDir } : {}),
  });
  // Pretty-printed: snapshots are read and diffed by people too.
  await writeResult(io, `${JSON.stringify(read.snapshot, null, 2)}\n`, args.out, progress);

  // Written all the same (partial failure is data: the source's status is in it), but not a success.
  let code = EXIT_OK;
  for (const s of read.snapshot.sources) {
    if (read.stillSyncing.some((x) => x.id === s.id)) {
      io.stderr(`parallax: timed out after ${args.timeoutMs / 1000} s waiting for the first sync of ${progressLine(s)}`);
      code = EXIT_ERROR;
    } else if (s.status === 'down') {
      io.stderr(`parallax: ${progressLine(s)}`);
      code = EXIT_ERROR;
    } else if (s.status === 'degraded') {
      warningTo(io)(progressLine(s));
    }
  }
  return code;
}
