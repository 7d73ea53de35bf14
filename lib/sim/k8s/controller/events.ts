/**
 * core/v1 Events as controllers record them: one object per (object, reason, message), with
 * `count` and `lastTimestamp` bumped on repeats (client-go's event correlator).
 */
import type { Store } from '../store';
import type { KubeObject } from '../types';
import { nowIso, shortHex } from './util';

export class EventRecorder {
  private readonly seen = new Map<string, string>();
  private seq = 0;

  constructor(private readonly store: Store) {}

  record(involved: KubeObject, reason: string, message: string, component: string, type: 'Normal' | 'Warning' = 'Normal', host?: string): void {
    const ns = involved.metadata.namespace ?? 'default';
    const key = `${involved.metadata.uid}|${reason}|${message}`;
    const now = nowIso();
    const existingName = this.seen.get(key);
    const existing = existingName ? this.store.get('events', ns, existingName) : undefined;
    if (existing) {
      this.store.update('events', { ...existing, metadata: { ...existing.metadata }, count: Number(existing.count ?? 1) + 1, lastTimestamp: now });
      return;
    }
    // Event names are `<object>.<16 hex>` (a timestamp in nanoseconds, in real clusters).
    const name = `${involved.metadata.name}.${shortHex(`${key}|${Date.now()}|${this.seq++}`)}`;
    this.seen.set(key, name);
    const source: Record<string, string> = { component };
    if (host) source.host = host;
    this.store.create('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: {
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason,
      message,
      source,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: host ?? '',
    });
  }
}
