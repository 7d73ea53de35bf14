// bench/results.json: one entry per budget of issue 9's table (and ECS calls, drift), written by
// `npm run bench`; scripts/bench-table.ts prints the README's table from it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Budget {
  name: string;
  value: number;
  unit: string;
  budget: number;
  better: 'lower' | 'higher';
  /** What the figure is and how it was measured, when the name cannot say it all. */
  note?: string;
}

export interface Results { machine: string; date: string; command: string; budgets: Budget[] }

export const RESULTS_PATH = path.join(__dirname, 'results.json');

export const met = (b: Budget) => (b.better === 'lower' ? b.value <= b.budget : b.value >= b.budget);

export function machine(): string {
  const cpus = os.cpus();
  // The load average says how shared the machine was: wall-clock figures on a busy machine are longer.
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}; load average ${os.loadavg()[0].toFixed(1)} at the start`;
}

/** Collects budgets as the parts run, and prints each with met/missed at once. */
export class ResultSet {
  readonly budgets: Budget[] = [];
  /** Taken when the bench starts, for its load average. */
  private readonly machine = machine();
  add(b: Budget): void {
    this.budgets.push(b);
    console.log(`  => ${b.name}: ${fmtValue(b.value, b.unit)} (budget ${b.better === 'lower' ? '≤' : '≥'} ${fmtValue(b.budget, b.unit)}): ${met(b) ? 'met' : 'MISSED'}`);
  }
  write(command: string, file = RESULTS_PATH): void {
    const r: Results = { machine: this.machine, date: new Date().toISOString(), command, budgets: this.budgets };
    fs.writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), file)} (${this.budgets.length} budgets, ${this.budgets.filter(met).length} met)`);
  }
}

export function fmtValue(v: number, unit: string): string {
  if (unit === 'ratio') return `${v.toFixed(2)}×`;
  if (unit === 'calls') return String(Math.round(v));
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${v.toFixed(digits)} ${unit}`;
}
