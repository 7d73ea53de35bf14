/**
 * core/v1 Events as controllers record them: one object per (object, reason, message), with
 * `count` and `lastTimestamp` bumped on repeats (client-go's event correlator).
 */
import type { Store } from '../store';
import type { KubeObject } from '../types';
import { nowIso } from './util';

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
    // Event names are `<object>.<hex of the Unix time in ns>`, so name order is time order.
    const nanos = BigInt(Date.now()) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    const name = `${involved.metadata.name}.${nanos.toString(16)}`;
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
