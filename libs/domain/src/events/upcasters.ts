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

/**
 * How stored events are read: the current version of each type and the upcasters that
 * lead there. The store reads with `EVENT_SCHEMAS`; tests (and future migrations of the
 * read side) can read with another registry without touching the shipped versions, which
 * stay the only ones new events are written with.
 */
export interface EventSchemas {
  current: Readonly<Record<ComplaintEventType, number>>;
  upcasters: ReadonlyMap<string, Upcaster>;
}

export const EVENT_SCHEMAS: EventSchemas = { current: CURRENT_SCHEMA_VERSION, upcasters: UPCASTERS };

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
  currentVersions: Readonly<Record<ComplaintEventType, number>> = CURRENT_SCHEMA_VERSION,
): ComplaintEvent {
  if (!isComplaintEventType(type)) throw new UnknownEventError(type, schemaVersion);
  const target = currentVersions[type];
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
