// The README's performance table, printed from bench/results.json (written by `npm run bench`).
// `npx tsx scripts/bench-table.ts` prints it; scripts/bench-table.test.ts checks that the README's
// copy, between the bench-table markers, equals what this prints from the committed results.
import fs from 'node:fs';
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

if (process.argv[1] && /bench-table\.ts$/.test(process.argv[1])) console.log(benchTable(readResults()));
