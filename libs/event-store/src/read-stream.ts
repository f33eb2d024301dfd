/** Reads of recorded events: one stream in order, or a set of events by id. */
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from './stored-event';

interface EventRow {
  global_position: string;
  stream_id: string;
  stream_position: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  actor: unknown;
  occurred_at: Date;
  recorded_at: Date;
  canonical: string;
  hash: string;
  previous_hash: string;
}

const COLUMNS = `global_position, stream_id, stream_position, event_id, type, schema_version, data, actor,
                 occurred_at, recorded_at, canonical, hash, previous_hash`;

function toChainedRow(row: Omit<EventRow, 'global_position' | 'canonical'>): ChainedRow {
  return {
    streamId: row.stream_id,
    position: row.stream_position,
    id: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    actor: row.actor,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

function toStoredEvent(row: EventRow): StoredEvent {
  return { globalPosition: String(row.global_position), ...toChainedRow(row), canonical: row.canonical };
}

export async function readStream(db: EntityManager, streamId: string, afterPosition = 0, upToPosition?: number): Promise<StoredEvent[]> {
  const rows: EventRow[] = await db.query(
    `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND stream_position > $2 AND ($3::int IS NULL OR stream_position <= $3)
      ORDER BY stream_position`,
    [streamId, afterPosition, upToPosition ?? null],
  );
  return rows.map(toStoredEvent);
}

/**
 * A stream as it stood at an instant: its events up to the first one recorded after `asOf`
 * (a prefix of the stream; all of it without `asOf`), instants compared to the millisecond
 * as the events' ISO texts give them. Without the canonical text, which a fold does not need.
 */
export async function readStreamAsOf(db: EntityManager, streamId: string, asOf: Date | undefined): Promise<ChainedRow[]> {
  const rows: Omit<EventRow, 'global_position' | 'canonical'>[] = await db.query(
    `SELECT stream_id, stream_position, event_id, type, schema_version, data, actor, occurred_at, recorded_at, hash, previous_hash
       FROM events
      WHERE stream_id = $1
        AND ($2::timestamptz IS NULL OR stream_position < coalesce(
              (SELECT min(stream_position) FROM events WHERE stream_id = $1 AND date_trunc('milliseconds', recorded_at) > $2),
              2147483647))
      ORDER BY stream_position`,
    [streamId, asOf?.toISOString() ?? null],
  );
  return rows.map(toChainedRow);
}

/** A stored event without its global position and canonical text. */
export type ChainedRow = Omit<StoredEvent, 'globalPosition' | 'canonical'>;

export async function readEventsByIds(db: EntityManager, ids: readonly string[]): Promise<StoredEvent[]> {
  const rows: EventRow[] = await db.query(
    `SELECT ${COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY stream_id, stream_position`,
    [ids],
  );
  return rows.map(toStoredEvent);
}

/** Where a reader of all events stands: the last (transaction, position) it has seen. */
export interface GlobalCheckpoint {
  transactionId: string;
  globalPosition: string;
}

export const START_OF_STORE: GlobalCheckpoint = { transactionId: '0', globalPosition: '0' };

/**
 * Read all events in commit-safe order. Sequences are not commit-ordered, so a plain
 * `global_position > last` reader can skip a row whose transaction commits late. Rows are
 * ordered by (transaction id, position) and only transactions older than the snapshot's
 * xmin (all of which have finished) are returned, so nothing can still appear behind the
 * reader's checkpoint.
 */
export async function readAllAfter(
  db: EntityManager,
  after: GlobalCheckpoint,
  limit: number,
): Promise<{ events: StoredEvent[]; checkpoint: GlobalCheckpoint }> {
  const rows: (EventRow & { transaction_id: string })[] = await db.query(
    // ordered by the column, events.transaction_id: the bare name would mean the text alias
    // below, which sorts '999' after '1051'
    `SELECT ${COLUMNS}, transaction_id::text AS transaction_id FROM events
      WHERE (events.transaction_id, global_position) > ($1::xid8, $2::bigint)
        AND events.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY events.transaction_id, global_position
      LIMIT $3`,
    [after.transactionId, after.globalPosition, limit],
  );
  const last = rows[rows.length - 1];
  return {
    events: rows.map(toStoredEvent),
    checkpoint: last ? { transactionId: last.transaction_id, globalPosition: String(last.global_position) } : after,
  };
}

/** Several whole streams at once, grouped by stream id (each in stream order). */
export async function readStreams(db: EntityManager, streamIds: readonly string[]): Promise<Map<string, StoredEvent[]>> {
  const rows: EventRow[] = await db.query(
    `SELECT ${COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_position`,
    [streamIds],
  );
  const streams = new Map<string, StoredEvent[]>(streamIds.map((id) => [id, []]));
  for (const row of rows) streams.get(row.stream_id)?.push(toStoredEvent(row));
  return streams;
}
