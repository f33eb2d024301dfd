/**
 * Append events to one stream, inside the caller's transaction.
 *
 * Compare-and-set: the stream row is locked and its version compared with the expected
 * one; the unique (stream_id, stream_position) constraint backs that up in the database.
 * Idempotent: appending events whose ids are already recorded with the same content is a
 * no-op success (a retried activity), with different content an `EventIdConflictError`.
 */
import type { EntityManager } from 'typeorm';
import canonicalize from 'canonicalize';
import { chainEvent, GENESIS_HASH, type ChainedContent } from './hash-chain';
import { ConcurrencyError, EventIdConflictError } from './event-store-errors';
import type { StoredEvent } from './stored-event';
import { readEventsByIds } from './read-stream';

/** What the caller decides; the store adds stream, position, recordedAt and the chain. */
export type EventToAppend = Pick<ChainedContent, 'id' | 'type' | 'schemaVersion' | 'data' | 'actor' | 'occurredAt'>;

export interface AppendRequest {
  streamId: string;
  streamType: string;
  expectedVersion: number;
  events: readonly EventToAppend[];
  recordedAt: Date;
}

export interface AppendResult {
  version: number;
  headHash: string;
  events: StoredEvent[];
  /** true when every event had been recorded before (a retry); nothing was written */
  alreadyRecorded: boolean;
}

export async function appendToStream(tx: EntityManager, request: AppendRequest): Promise<AppendResult> {
  const { streamId, events, expectedVersion } = request;
  if (events.length === 0) throw new Error('appendToStream needs at least one event');
  const heads: { version: number; head_hash: string }[] = await tx.query(
    'SELECT version, head_hash FROM streams WHERE stream_id = $1 FOR UPDATE',
    [streamId],
  );
  const actualVersion = heads[0]?.version ?? 0;
  if (actualVersion !== expectedVersion) {
    const replay = await matchRecorded(tx, events);
    if (replay) return replay;
    throw new ConcurrencyError(streamId, expectedVersion, actualVersion);
  }

  const recordedAt = request.recordedAt.toISOString();
  let previousHash = heads[0]?.head_hash ?? GENESIS_HASH;
  const stored: StoredEvent[] = events.map((event, index) => {
    const content: ChainedContent = {
      streamId,
      position: expectedVersion + index + 1,
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      actor: event.actor,
      occurredAt: event.occurredAt,
      recordedAt,
      previousHash,
    };
    const { canonical, hash } = chainEvent(content);
    previousHash = hash;
    return { ...content, globalPosition: '', canonical, hash };
  });
  const newVersion = expectedVersion + events.length;

  if (heads.length === 0) {
    await tx.query(
      `INSERT INTO streams (stream_id, stream_type, version, head_hash, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)`,
      [streamId, request.streamType, newVersion, previousHash, recordedAt],
    );
  } else {
    await tx.query('UPDATE streams SET version = $2, head_hash = $3, updated_at = $4 WHERE stream_id = $1', [
      streamId,
      newVersion,
      previousHash,
      recordedAt,
    ]);
  }

  const inserted: { global_position: string }[] = await tx.query(
    `INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, actor,
                         occurred_at, recorded_at, canonical, hash, previous_hash)
     SELECT $1, u.position, u.event_id, u.type, u.schema_version, u.data, u.actor,
            u.occurred_at, $2, u.canonical, u.hash, u.previous_hash
       FROM unnest($3::int[], $4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[],
                   $9::timestamptz[], $10::text[], $11::text[], $12::text[])
         AS u(position, event_id, type, schema_version, data, actor, occurred_at, canonical, hash, previous_hash)
     ORDER BY u.position
     RETURNING global_position`,
    [
      streamId,
      recordedAt,
      stored.map((e) => e.position),
      stored.map((e) => e.id),
      stored.map((e) => e.type),
      stored.map((e) => e.schemaVersion),
      stored.map((e) => JSON.stringify(e.data)),
      stored.map((e) => JSON.stringify(e.actor)),
      stored.map((e) => e.occurredAt),
      stored.map((e) => e.canonical),
      stored.map((e) => e.hash),
      stored.map((e) => e.previousHash),
    ],
  );
  inserted.forEach((row, index) => (stored[index].globalPosition = String(row.global_position)));
  return { version: newVersion, headHash: previousHash, events: stored, alreadyRecorded: false };
}

/** The content of an event that a retry must reproduce exactly (everything but recordedAt). */
function decidedContent(event: Omit<EventToAppend, 'id'>) {
  return canonicalize({
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    actor: event.actor,
    occurredAt: event.occurredAt,
  });
}

async function matchRecorded(tx: EntityManager, events: readonly EventToAppend[]): Promise<AppendResult | null> {
  const recorded = await readEventsByIds(
    tx,
    events.map((e) => e.id),
  );
  if (recorded.length === 0) return null;
  const byId = new Map(recorded.map((e) => [e.id, e]));
  for (const event of events) {
    const previous = byId.get(event.id);
    if (previous && decidedContent(previous) !== decidedContent(event)) throw new EventIdConflictError(event.id);
  }
  if (recorded.length !== events.length) return null;
  const last = recorded[recorded.length - 1];
  return { version: last.position, headHash: last.hash, events: recorded, alreadyRecorded: true };
}
