// The query protocols (EC2 query, AWS query): form-encoded request parameters and XML replies.
// Lists arrive flattened: EC2 as `InstanceId.1`, `Filter.1.Value.1`; AWS query (ELBv2) as
// `Names.member.1`, `Tags.member.1.Key`. Indices start at 1.
import { ApiError } from './errors';

export class QueryParams {
  constructor(readonly map: Map<string, string>) {}

  static parse(body: string): QueryParams {
    return new QueryParams(new Map(new URLSearchParams(body)));
  }

  str(key: string): string | undefined {
    return this.map.get(key);
  }

  reqStr(key: string, code = 'MissingParameter'): string {
    const v = this.map.get(key);
    if (v === undefined || v === '') throw new ApiError(code, `The request must contain the parameter ${key}`);
    return v;
  }

  int(key: string, code = 'InvalidParameterValue'): number | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new ApiError(code, `Invalid value '${v}' for ${key}`);
    return n;
  }

  private indices(prefix: string, structured: boolean): number[] {
    const re = new RegExp(`^${escapeRe(prefix)}\\.(?:member\\.)?(\\d+)${structured ? '\\.' : '$'}`);
    const found = new Set<number>();
    for (const k of this.map.keys()) {
      const m = re.exec(k);
      if (m?.[1]) found.add(Number(m[1]));
    }
    return [...found].sort((a, b) => a - b);
  }

  private memberPrefix(prefix: string, i: number): string {
    return this.map.has(`${prefix}.member.${i}`) || [...this.map.keys()].some((k) => k.startsWith(`${prefix}.member.${i}.`))
      ? `${prefix}.member.${i}`
      : `${prefix}.${i}`;
  }

  /** Scalar list: `Prefix.N` or `Prefix.member.N`. */
  list(prefix: string): string[] {
    return this.indices(prefix, false).map((i) => this.map.get(this.memberPrefix(prefix, i)) ?? '');
  }

  /** List of structures: each element as QueryParams with the `Prefix.N.` part stripped. */
  structs(prefix: string): QueryParams[] {
    return this.indices(prefix, true).map((i) => this.sub(`${this.memberPrefix(prefix, i)}.`));
  }

  sub(prefix: string): QueryParams {
    const m = new Map<string, string>();
    for (const [k, v] of this.map) if (k.startsWith(prefix)) m.set(k.slice(prefix.length), v);
    return new QueryParams(m);
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export type XmlValue = string | number | boolean | undefined | null | XmlValue[] | { [k: string]: XmlValue };

/**
 * Element per key; arrays become a wrapper element holding one `itemName` element per entry
 * (`item` for EC2, `member` for AWS query). Undefined members are left out.
 */
export function toXml(name: string, value: XmlValue, itemName: string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v) => toXml(itemName, v, itemName)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => toXml(k, v, itemName)).join('')}</${name}>`;
  }
  return `<${name}>${xmlEscape(String(value))}</${name}>`;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export function xmlDocument(root: string, namespace: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${namespace}">${inner}</${root}>`;
}

/** EC2 filter values accept `*` and `?` wildcards. */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}
