// Canonical units: CPU in millicores, memory in bytes.
// Kubernetes quantities: decimal suffixes (k, M, G, T, P, E), binary suffixes (Ki, Mi, Gi, Ti, Pi, Ei),
// exponent form (1e3), and for CPU the "m" suffix. ECS: 1024 CPU units = 1 vCPU = 1000m; memory in MiB.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** Parsed quantities by their text: a cluster's pods repeat a few dozen ("100m", "128Mi") thousands of times. */
const parsed = new Map<string, number | undefined>();
const PARSED_MAX = 10_000;

/** Parses a Kubernetes quantity into its plain numeric value (e.g. "1Gi" -> 1073741824, "500m" -> 0.5). */
export function parseQuantity(q: string | number | undefined | null): number | undefined {
  if (q === undefined || q === null) return undefined;
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (parsed.has(q)) return parsed.get(q);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  const v = parseQuantityText(q);
  parsed.set(q, v);
  return v;
}

function parseQuantityText(q: string): number | undefined {
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  const suffix = m[3] ?? '';
  return base * (BINARY[suffix] ?? DECIMAL[suffix]);
}

/** Kubernetes CPU quantity ("250m", "0.5", "2") -> millicores, rounded up like the kubelet. */
export function cpuToMillis(q: string | number | undefined | null): number | undefined {
  const v = parseQuantity(q);
  return v === undefined ? undefined : Math.ceil(Math.round(v * 1e6) / 1e3);
}

/** Kubernetes memory quantity ("512Mi", "0.5Gi", "500M", "1e9") -> bytes. */
export function memoryToBytes(q: string | number | undefined | null): number | undefined {
  const v = parseQuantity(q);
  return v === undefined ? undefined : Math.ceil(v);
}

/** ECS CPU units (number or numeric string, or "1 vCPU" / "0.25 vcpu" in task definitions) -> millicores. */
export function ecsCpuToMillis(units: string | number | undefined | null): number | undefined {
  if (units === undefined || units === null || units === '') return undefined;
  if (typeof units === 'string') {
    const vcpu = /^\s*([\d.]+)\s*vcpu\s*$/i.exec(units);
    if (vcpu) return Math.round(Number(vcpu[1]) * 1000);
  }
  const n = Number(units);
  return Number.isFinite(n) ? Math.round((n * 1000) / 1024) : undefined;
}

/** Millicores -> ECS CPU units (1024 a vCPU), the inverse of ecsCpuToMillis for what a person reads. */
export function millisToEcsCpu(millis: number): number {
  return Math.round((millis * 1024) / 1000);
}

/** ECS memory in MiB (number or numeric string, or "2 GB" in task definitions, which ECS means as GiB) -> bytes. */
export function ecsMemoryToBytes(mib: string | number | undefined | null): number | undefined {
  if (mib === undefined || mib === null || mib === '') return undefined;
  if (typeof mib === 'string') {
    const gb = /^\s*([\d.]+)\s*gb\s*$/i.exec(mib);
    if (gb) return Math.round(Number(gb[1]) * 1024) * 2 ** 20;
  }
  const n = Number(mib);
  return Number.isFinite(n) ? n * 2 ** 20 : undefined;
}

export function formatCpu(millis: number | undefined): string {
  if (millis === undefined) return '—';
  if (millis % 1000 === 0) return `${millis / 1000}`;
  return `${millis}m`;
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  const units = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const shown = Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1).replace(/\.?0+$/, '');
  return `${shown}${units[i]}`;
}
