/**
 * How the store reads an event: its chained content as the current shape of its domain
 * event, old schema versions upcast (never rewritten). The store's readers, the
 * projection rebuild and the offline dossier verifier all read events through here.
 */
import { EVENT_SCHEMAS, upcast, type EventSchemas, type RecordedEvent } from '../../domain/src';
import type { ChainedContent } from './event-hash';

/** What reading an event needs: its chained content and its hash. */
export type ChainedEvent = ChainedContent & { hash: string };

/** A stored event read as the current shape of its domain event (old versions upcast). */
export function toRecordedEvent(stored: ChainedEvent): RecordedEvent {
  return readRecordedEvent(stored, EVENT_SCHEMAS);
}

/** `toRecordedEvent` with a given schema registry (current versions and upcasters). */
export function readRecordedEvent(stored: ChainedEvent, schemas: EventSchemas): RecordedEvent {
  const event = upcast(stored.type, stored.schemaVersion, stored.data, schemas.upcasters, schemas.current);
  return {
    id: stored.id,
    streamId: stored.streamId,
    position: stored.position,
    type: event.type,
    schemaVersion: schemas.current[event.type],
    data: event.data,
    actor: stored.actor as RecordedEvent['actor'],
    occurredAt: stored.occurredAt,
    recordedAt: stored.recordedAt,
    hash: stored.hash,
    previousHash: stored.previousHash,
  } as RecordedEvent;
}
