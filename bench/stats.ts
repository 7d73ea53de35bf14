// Small helpers the bench's parts share.

export interface Spread { median: number; min: number; max: number; runs: number }

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1], runs: s.length };
}

/** "1234 ms (1100–1400)": the median and the range of the runs. */
export function fmtSpread(s: Spread, unit = 'ms', digits = 0): string {
  return `${s.median.toFixed(digits)} ${unit} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)}, ${s.runs} runs)`;
}

export const gc = () => (globalThis as { gc?: () => void }).gc?.();
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
