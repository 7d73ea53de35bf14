import type { CollectionName, Instance, ModelObject, Node, Snapshot, Source } from '@/lib/model';
import type { SourceAdapter, SourceSink, SourceStatusUpdate } from './types';
import { nodeRequests } from './derive';
import { Collections } from './collections';
import { RawNotFoundError, type RawRead, type RawRequest } from './raw';
import { toSourceError } from './source-error';
import { systemClock, type Clock } from '@/lib/util/clock';
import { LogReadError, type LogRead, type LogRequest } from './logs';
import type { UsageReaders } from './usage';

/** Emitted after every change; `sources` are the ids whose objects or status changed. */
export interface InventoryChange {
  version: number;
  sources: string[];
}

export interface InventoryOptions {
  /** Errors kept per source (newest last). */
  maxErrors?: number;
  /** Snapshot and change times. Default the system clock. */
  clock?: Clock;
}

interface SourceState {
  adapter: SourceAdapter;
  source: Source;
  scopes: Map<string, Map<string, ModelObject>>;
}

/**
 * The live store: normalized objects only, keyed by source -> scope -> id. One per server process.
 * Snapshots are computed on demand and cached per version, so many readers of one version cost one build;
 * a build redoes only the collections that changed (collections.ts): the others are the same arrays.
 */
export class Inventory {
  private readonly states = new Map<string, SourceState>();
  private readonly listeners = new Set<(c: InventoryChange) => void>();
  private readonly maxErrors: number;
  private readonly clock: Clock;
  private versionCounter = 0;
  private cached?: { version: number; snapshot: Snapshot };
  private readonly collections = new Collections();
  /** Nodes with their derived requests, as last served (kept while neither nodes nor instances change). */
  private derivedNodes?: { nodes: ModelObject[]; instances: ModelObject[]; out: Node[] };

  constructor(opts: InventoryOptions = {}) {
    this.maxErrors = opts.maxErrors ?? 20;
    this.clock = opts.clock ?? systemClock;
  }

  get version(): number {
    return this.versionCounter;
  }

  /** Registers and starts an adapter. Its failures become source status, never exceptions here. */
  async add(adapter: SourceAdapter): Promise<void> {
    if (this.states.has(adapter.id)) throw new Error(`source ${adapter.id} is already registered`);
    const state: SourceState = { adapter, source: adapter.describe(), scopes: new Map() };
    this.states.set(adapter.id, state);
    this.changed(adapter.id);
    try {
      await adapter.start(this.sinkFor(state));
    } catch (err) {
      this.applyStatus(state, {
        status: 'down',
        reason: `could not start: ${(err as Error).message}`,
        error: toSourceError('start', { message: (err as Error).message }, this.clock.now()),
      });
    }
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.states.values()].map((s) => s.adapter.stop()));
    this.listeners.clear();
  }

  /** One object as its source's platform returns it, read now by its adapter (lib/inventory/raw.ts). */
  readRaw(req: RawRequest): Promise<RawRead> {
    const adapter = this.states.get(req.object.source)?.adapter;
    if (!adapter?.readRaw) return Promise.reject(new RawNotFoundError(`source ${req.object.source} cannot read raw objects`));
    return adapter.readRaw(req);
  }

  /** An instance's log, read now by its adapter (lib/inventory/logs.ts). */
  readLogs(req: LogRequest): Promise<LogRead> {
    const adapter = this.states.get(req.object.source)?.adapter;
    if (!adapter?.readLogs) return Promise.reject(new LogReadError(`logs of source ${req.object.source} are not read yet`, req.object.source, 501));
    return adapter.readLogs(req);
  }

  /** The usage roles of a source's adapter (lib/inventory/usage.ts); undefined for an unknown source. */
  usageReaders(source: string): UsageReaders | undefined {
    return this.states.get(source)?.adapter;
  }

  sources(): Source[] {
    return [...this.states.values()].map((s) => s.source);
  }

  subscribe(listener: (c: InventoryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): Snapshot {
    if (this.cached?.version === this.versionCounter) return this.cached.snapshot;
    const sets = this.collections.build(this.versionCounter, () => this.allObjects());
    const snapshot = {
      generatedAt: new Date(this.clock.now()).toISOString(),
      sources: this.sources(),
      ...(sets as unknown as Omit<Snapshot, 'generatedAt' | 'sources'>),
      nodes: this.nodesWithRequests(sets.nodes, sets.instances),
    };
    this.cached = { version: this.versionCounter, snapshot };
    return snapshot;
  }

  /** Inventory version at which each collection last changed, as of the latest snapshot(). */
  collectionVersions(): Readonly<Record<CollectionName, number>> {
    this.snapshot();
    return this.collections.versionsNow();
  }

  private *allObjects(): Iterable<ModelObject> {
    for (const state of this.states.values()) {
      for (const scope of state.scopes.values()) yield* scope.values();
    }
  }

  private nodesWithRequests(nodes: ModelObject[], instances: ModelObject[]): Node[] {
    const d = this.derivedNodes;
    if (d?.nodes === nodes && d.instances === instances) return d.out;
    const out = nodeRequests(nodes as Node[], instances as Instance[], d?.out);
    this.derivedNodes = { nodes, instances, out };
    return out;
  }

  private sinkFor(state: SourceState): SourceSink {
    const id = state.adapter.id;
    const scope = (name: string) => {
      let s = state.scopes.get(name);
      if (!s) state.scopes.set(name, (s = new Map()));
      return s;
    };
    const touch = () => {
      state.source = { ...state.source, lastChangeAt: new Date(this.clock.now()).toISOString() };
      this.changed(id);
    };
    return {
      replace: (name, objects) => {
        const before = state.scopes.get(name);
        if (before) this.collections.replaced(before.values());
        this.collections.replaced(objects);
        state.scopes.set(name, new Map(objects.map((o) => [o.id, o])));
        touch();
      },
      upsert: (name, object) => {
        scope(name).set(object.id, object);
        this.collections.upserted(object);
        touch();
      },
      remove: (name, objectId) => {
        const s = scope(name);
        const gone = s.get(objectId);
        if (!gone) return;
        s.delete(objectId);
        this.collections.removed(gone);
        touch();
      },
      status: (update) => {
        this.applyStatus(state, update);
        this.changed(id);
      },
    };
  }

  private applyStatus(state: SourceState, update: SourceStatusUpdate): void {
    const { coverage, error, clearErrorsFor, ...rest } = update;
    const prev = state.source;
    let errors = prev.errors;
    if (clearErrorsFor) errors = errors.filter((e) => e.operation !== clearErrorsFor);
    // A failure repeated every poll or reconnect is one error, kept with its latest time.
    if (error) errors = [...errors.filter((e) => e.operation !== error.operation || e.message !== error.message), error].slice(-this.maxErrors);
    let cov = prev.coverage;
    if (coverage) {
      const byKind = new Map(cov.map((c) => [c.kind, c]));
      for (const c of coverage) byKind.set(c.kind, c);
      cov = [...byKind.values()];
    }
    state.source = { ...prev, ...rest, connection: { ...prev.connection, ...rest.connection }, coverage: cov, errors };
  }

  private changed(sourceId: string): void {
    this.versionCounter++;
    const change = { version: this.versionCounter, sources: [sourceId] };
    for (const l of this.listeners) {
      try {
        l(change);
      } catch {
        // A failing listener (a closed SSE stream) must not stop the others.
      }
    }
  }
}
