import type { ModelObject, Source, SourceError, Coverage } from '@/lib/model';
import type { RawRequest, RawRead } from './raw';
import type { LogRequest, LogRead } from './logs';
import type { UsageReaders } from './usage';

/**
 * What an adapter tells the inventory. A "scope" is the adapter's unit of atomic replacement:
 * a Kubernetes resource ("pods", "deployments") or an ECS read ("services", "tasks"). Several
 * scopes may feed one collection (deployments, statefulsets and daemonsets all give workloads).
 * The inventory never holds half an update: `replace` swaps a whole scope at once.
 */
export interface SourceSink {
  /** Replace every object of this scope from this source (after a full list or poll). */
  replace(scope: string, objects: ModelObject[]): void;
  /** One object added or changed (watch event). */
  upsert(scope: string, object: ModelObject): void;
  /** One object gone (watch DELETED). */
  remove(scope: string, id: string): void;
  /** Source health, coverage per kind, progress, connection details. Merged into the current status. */
  status(update: SourceStatusUpdate): void;
}

export type SourceStatusUpdate = Partial<Omit<Source, 'id' | 'platform' | 'coverage' | 'errors'>> & {
  /** Coverage entries replace those of the same kind. */
  coverage?: Coverage[];
  /** Errors are appended (the inventory keeps the most recent few per source). */
  error?: SourceError;
  /** Clears the errors of one operation once it succeeds again. */
  clearErrorsFor?: string;
};

/** One source adapter (a kubeconfig context, or an AWS profile + region). Started once, stopped cleanly. Usage roles: lib/inventory/usage.ts. */
export interface SourceAdapter extends UsageReaders {
  readonly id: string;
  /** The initial Source record (status "syncing"), before any I/O. */
  describe(): Source;
  /** Starts list+watch or polling; resolves once started (not once synced). Never throws for I/O failures: those go to sink.status. */
  start(sink: SourceSink): Promise<void>;
  stop(): Promise<void>;
  /** One object as the platform returns it, read now (lib/inventory/raw.ts). Read-only: one GET / Describe*. */
  readRaw?(req: RawRequest): Promise<RawRead>;
  /** An instance's container log as lines, read now (lib/inventory/logs.ts). Read-only: one GET. */
  readLogs?(req: LogRequest): Promise<LogRead>;
}

export type { SourceError, Coverage };
