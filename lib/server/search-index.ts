// The global search's index: every object of a snapshot by its name, namespace or cluster, labels
// and tags, images, and secret and config keys (never a value: a secret's values are not in the
// model, and a config map's values stay out of the index too). Pure: built once per snapshot
// (lib/server/search.ts caches it), then each query costs a fuzzy pass over the distinct strings.
//
// Fuzzy matching is @leeoniya/ufuzzy (pinned, 1.0.19). Chosen over fuse.js and fuzzysort: it
// tolerates one typo per term (a swapped, missing, extra or wrong letter: `wbe`, `wokrer`), which
// fuzzysort's subsequence matching does not; it filters 100,000+ strings in milliseconds with one
// compiled regular expression, where fuse.js's Bitap scores every item and key (its own docs
// advise against large lists); and it is one small file with no dependencies, maintained, typed.
//
// Objects share most of their strings (a namespace, an image, `app=web`), so the haystack is the
// distinct strings, each with the objects that carry it (a posting: object and field). Ranking, per
// word: an exact match, then a prefix, a substring, a typo; within each, a name before a namespace, a label, an
// image, a key. Several words must all match (in any field); label and platform terms filter.
import uFuzzy from '@leeoniya/ufuzzy';
import type { Platform, Snapshot } from '@/lib/model';
import { labelKeyNames, parseQuery, type QueryTerms } from '@/lib/views/query';
import {
  EMPTY_SEARCH, searchHref, type SearchConcept, type SearchField, type SearchGroup, type SearchHit, type SearchPayload,
} from '@/lib/views/search';

const FIELD_RANK: Record<SearchField, number> = { name: 0, group: 1, label: 2, image: 3, key: 4, other: 5 };
const FIELDS = Object.keys(FIELD_RANK) as SearchField[];
const FIELD_BITS = 3;
/** Exact, prefix, substring, typo (whole, partial): a word's score is tier * TIER + field rank. */
const TIER = 1 << FIELD_BITS;

/** An indexed object: a hit before it knows what matched and where it leads. */
type Doc = Omit<SearchHit, 'matched' | 'href'>;

export interface SearchIndex {
  /** In concept order, then Kubernetes before ECS, then by name: rank ties come out in this order. */
  docs: Doc[];
  /** Distinct searchable strings (the fuzzy haystack), and the same lowercased. */
  strings: string[];
  lower: string[];
  /** Per string: doc index << FIELD_BITS | field rank. */
  postings: number[][];
  /** `key=value` and `key=` (lowercased, every name of the key: labelKeyNames) -> the label strings that answer. */
  labels: Map<string, number[]>;
}

type Indexable = { id: string; platform: Platform; name: string; source: string; groupName?: string; labels: Record<string, string> };
type Extra<T> = (o: T, add: (field: SearchField, text: string) => void) => void;

/** Kubernetes before ECS, then by name: the order ties come out in. */
const docOrder = (a: Indexable, b: Indexable) => (a.platform === b.platform ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.platform === 'kubernetes' ? -1 : 1);

export function buildSearchIndex(s: Snapshot): SearchIndex {
  const index: SearchIndex = { docs: [], strings: [], lower: [], postings: [], labels: new Map() };
  const names = new Map(s.sources.map((x) => [x.id, x.name]));
  const at = new Map<string, number>();
  const addString = (d: number, field: SearchField, text: string) => {
    if (!text) return;
    let i = at.get(text);
    if (i === undefined) {
      at.set(text, (i = index.strings.length));
      index.strings.push(text);
      index.lower.push(text.toLowerCase());
      index.postings.push([]);
      // A label string is looked up by `key=value` and `key=` under each name of its key, once per distinct string.
      if (field === 'label') {
        const eq = text.indexOf('=');
        const value = text.slice(eq + 1).toLowerCase();
        for (const k of labelKeyNames(text.slice(0, eq))) for (const key of [`${k}=${value}`, `${k}=`]) {
          const list = index.labels.get(key);
          if (list) list.push(i);
          else index.labels.set(key, [i]);
        }
      }
    }
    index.postings[i].push((d << FIELD_BITS) | FIELD_RANK[field]);
  };
  // Concepts in SEARCH_CONCEPTS order, so that equal scores list workloads first.
  const add = <T extends Indexable>(list: readonly T[], concept: SearchConcept, extra?: Extra<T>) => {
    for (const o of [...list].sort(docOrder)) {
      const d = index.docs.length;
      index.docs.push({ id: o.id, concept, platform: o.platform, name: o.name, source: o.source, sourceName: names.get(o.source) ?? o.source, group: o.groupName });
      addString(d, 'name', o.name);
      if (o.groupName) addString(d, 'group', o.groupName);
      for (const k in o.labels) addString(d, 'label', `${k}=${o.labels[k]}`);
      extra?.(o, (field, text) => addString(d, field, text));
    }
  };
  add(s.workloads, 'workload', (x, f) => { for (const c of x.template.containers) f('image', c.image.raw); });
  add(s.instances, 'instance', (x, f) => { for (const c of x.containers) f('image', c.image); });
  add(s.nodes, 'node', (x, f) => { if (x.instanceId) f('other', x.instanceId); });
  add(s.endpoints, 'endpoint', (x, f) => { for (const r of x.rules) if (r.host) f('other', r.host); });
  // Config maps: keys only (their values are configuration, but not what one searches by).
  add(s.configs, 'config', (x, f) => { for (const k of Object.keys(x.data)) f('key', k); for (const k of x.binaryKeys) f('key', k); });
  // Secrets: names and keys only. A key's hash and reference are never indexed.
  add(s.secrets, 'secret', (x, f) => { for (const k of x.keys) f('key', k.key); });
  add(s.volumes, 'volume');
  add(s.autoscalers, 'autoscaler');
  add(s.revisions, 'revision', (x, f) => { for (const i of x.images) f('image', i); });
  // An ECS cluster is both a cluster and the group of its objects: listed once, as a cluster.
  add(s.groups.filter((g) => g.platform === 'kubernetes'), 'group');
  add(s.clusters, 'cluster');
  add(s.sources.map((x) => ({ ...x, source: x.id, labels: {} })), 'source');
  // Events are left out: their names are made from the object involved, which is itself indexed.
  return index;
}

// intraMode 1: one error per term (substitution, transposition, deletion, insertion); uFuzzy allows
// none in terms of one or two characters and only a swap in three or four, so short words stay exact.
const fuzzy = new uFuzzy({ intraMode: 1 });
const HAS_WORD_CHAR = /[a-z\d]/i;

/** Best score of one word per doc (-1: no match), and what gave it (string index << FIELD_BITS | field rank). */
function scoreWord(index: SearchIndex, word: string): { score: Int32Array; via: Int32Array } {
  const score = new Int32Array(index.docs.length).fill(-1);
  const via = new Int32Array(index.docs.length);
  // uFuzzy splits a needle at non-word characters; one made only of them ("-", "/") is a plain substring.
  const idxs = HAS_WORD_CHAR.test(word) ? fuzzy.filter(index.strings, word) ?? [] : index.lower.flatMap((s, i) => (s.includes(word) ? [i] : []));
  for (const i of idxs) {
    const s = index.lower[i];
    // A typo in the whole string (`shpo` for shop) ranks above a typo somewhere inside a longer one (shop-db).
    const tier = s === word ? 0 : s.startsWith(word) ? 1 : s.includes(word) ? 2 : Math.abs(s.length - word.length) <= 1 ? 3 : 4;
    for (const p of index.postings[i]) {
      const d = p >> FIELD_BITS;
      const field = p & (TIER - 1);
      const v = tier * TIER + field;
      if (score[d] < 0 || v < score[d]) {
        score[d] = v;
        via[d] = (i << FIELD_BITS) | field;
      }
    }
  }
  return { score, via };
}

export interface SearchOptions {
  /** Hits returned per concept and platform (the totals count every match): at most 24 groups of this many. */
  perGroup?: number;
}

/** Scores of the docs matching every term (-1: no match), and for each the string its first word matched. */
function match(index: SearchIndex, t: QueryTerms): { total: Int32Array; via?: Int32Array } {
  const n = index.docs.length;
  const total = new Int32Array(n);
  if (t.platforms.length) for (let d = 0; d < n; d++) if (!t.platforms.includes(index.docs[d].platform)) total[d] = -1;
  for (const l of t.labels) {
    const keep = new Uint8Array(n);
    for (const i of index.labels.get(`${l.key}=${l.value}`) ?? []) for (const p of index.postings[i]) keep[p >> FIELD_BITS] = 1;
    for (let d = 0; d < n; d++) if (!keep[d]) total[d] = -1;
  }
  let via: Int32Array | undefined;
  for (const w of t.words) {
    const r = scoreWord(index, w);
    via ??= r.via;
    for (let d = 0; d < n; d++) total[d] = total[d] < 0 || r.score[d] < 0 ? -1 : total[d] + r.score[d];
  }
  return { total, via };
}

export function searchIndex(index: SearchIndex, q: string, opts: SearchOptions = {}): SearchPayload {
  const { perGroup = 6 } = opts;
  const terms = parseQuery(q);
  if (!terms.words.length && !terms.labels.length) return EMPTY_SEARCH(q); // platform:ecs alone is not a search
  const { total, via } = match(index, terms);
  // Scores are small integers: bucket them, keeping the docs' own order (concept, platform, name) within a score.
  const buckets: number[][] = [];
  for (let d = 0; d < total.length; d++) if (total[d] >= 0) (buckets[total[d]] ??= []).push(d);
  const groups = new Map<string, SearchGroup>();
  let matched = 0;
  let shown = 0;
  for (const bucket of buckets) {
    if (!bucket) continue;
    for (const d of bucket) {
      matched++;
      const doc = index.docs[d];
      const key = `${doc.concept}|${doc.platform}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { concept: doc.concept, platform: doc.platform, total: 0, hits: [] }));
      g.total++;
      if (g.hits.length >= perGroup) continue;
      shown++;
      g.hits.push(hitOf(index, d, via));
    }
  }
  // Groups come in the order of their best hit.
  return { q, total: matched, shown, groups: [...groups.values()] };
}

function hitOf(index: SearchIndex, d: number, via: Int32Array | undefined): SearchHit {
  const doc = index.docs[d];
  const hit: SearchHit = { ...doc, href: searchHref(doc) };
  if (!doc.group) delete hit.group;
  const f = via ? FIELDS[via[d] & (TIER - 1)] : 'name';
  if (via && f !== 'name') hit.matched = { field: f, text: index.strings[via[d] >> FIELD_BITS] };
  return hit;
}
