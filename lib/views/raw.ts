// What GET /api/raw and GET /api/object answer (lib/server/raw.ts), for the browser.
import type { ModelObject } from '@/lib/model';

export interface RawPayload {
  id: string;
  platform: ModelObject['platform'];
  /** The platform's kind (Deployment, TaskDefinition.environment…). */
  kind: string;
  name: string;
  group?: string;
  source: string;
  sourceName: string;
  /** The call that read it: "GET /api/v1/…", "DescribeServices". */
  call: string;
  format: 'yaml' | 'json';
  text: string;
  /** managedFields entries the object has; shown only when asked (`managedFields=1`). */
  managedFields: { count: number; shown: boolean };
  fetchedAt: string;
}

export interface ObjectPayload {
  /** The normalized object, as the API serves it (credentials masked). */
  object: ModelObject;
  sourceName: string;
}
