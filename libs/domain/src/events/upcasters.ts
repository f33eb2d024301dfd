/**
 * Old event shapes are upcast on read, never rewritten in the store: each registered
 * function lifts the data of one (type, schemaVersion) to the next version, and
 * `upcast` applies them until the current version is reached.
 */
import type { ComplaintEvent, ComplaintEventType } from './complaint-events';
import { CURRENT_SCHEMA_VERSION } from './complaint-events';

export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** key: `${type}@${fromVersion}` */
export const UPCASTERS: ReadonlyMap<string, Upcaster> = new Map<string, Upcaster>();

export class UnknownEventError extends Error {
  constructor(type: string, schemaVersion: number) {
    super(`no reader for event ${type} schema version ${schemaVersion}`);
    this.name = 'UnknownEventError';
  }
}

export function isComplaintEventType(type: string): type is ComplaintEventType {
  return Object.prototype.hasOwnProperty.call(CURRENT_SCHEMA_VERSION, type);
}

export function upcast(
  type: string,
  schemaVersion: number,
  data: unknown,
  upcasters: ReadonlyMap<string, Upcaster> = UPCASTERS,
): ComplaintEvent {
  if (!isComplaintEventType(type)) throw new UnknownEventError(type, schemaVersion);
  const target = CURRENT_SCHEMA_VERSION[type];
  let version = schemaVersion;
  let current = data as Record<string, unknown>;
  while (version < target) {
    const step = upcasters.get(`${type}@${version}`);
    if (!step) throw new UnknownEventError(type, version);
    current = step(current);
    version += 1;
  }
  if (version !== target) throw new UnknownEventError(type, schemaVersion);
  return { type, data: current } as ComplaintEvent;
}
