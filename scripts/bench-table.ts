// The README's performance table, printed from bench/results.json (written by `npm run bench`).
// `npx tsx scripts/bench-table.ts` prints it, `--write` puts it into README.md between the
// bench-table markers; scripts/bench-table.test.ts checks that the README's copy equals what this
// prints from the committed results.
import fs from 'node:fs';
import path from 'node:path';
import { fmtValue, met, RESULTS_PATH, type Results } from '@/bench/results';

export const TABLE_START = '<!-- bench-table: printed by `npx tsx scripts/bench-table.ts` from bench/results.json -->';
export const TABLE_END = '<!-- /bench-table -->';

export function benchTable(r: Results): string {
  const rows = r.budgets.map((b) => `| ${b.name} | ${fmtValue(b.value, b.unit)} | ${b.better === 'lower' ? '≤' : '≥'} ${fmtValue(b.budget, b.unit)}${b.note ? ` (${b.note})` : ''} | ${met(b) ? 'met' : '**missed**'} |`);
  return [
    `Measured ${r.date.slice(0, 10)} on ${r.machine}, with \`${r.command}\`.`,
    '',
    '| measure | value | budget | |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export const readResults = (file = RESULTS_PATH): Results => JSON.parse(fs.readFileSync(file, 'utf8')) as Results;

const README = path.join(__dirname, '../README.md');

/** The README's table as it stands, or undefined without the markers. */
export function readmeTable(readme = fs.readFileSync(README, 'utf8')): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  return start < 0 || end < start ? undefined : readme.slice(start + TABLE_START.length, end).trim();
}

if (process.argv[1] && /bench-table\.ts$/.test(process.argv[1])) {
  const table = benchTable(readResults());
  if (!process.argv.includes('--write')) console.log(table);
  else {
    const readme = fs.readFileSync(README, 'utf8');
    if (readmeTable(readme) === undefined) throw new Error(`README.md has no ${TABLE_START} ... ${TABLE_END} markers`);
    const start = readme.indexOf(TABLE_START) + TABLE_START.length;
    fs.writeFileSync(README, `${readme.slice(0, start)}\n${table}\n${readme.slice(readme.indexOf(TABLE_END))}`);
  }
}
