/**
 * Append events to one stream in one statement (one round trip): a call of the
 * `append_to_stream` function (migration 1763900000400), in the caller's transaction or,
 * given a data source's manager, in the statement's own.
 *
 * Compare-and-set: the function locks the stream row and compares its version with the
 * expected one; the unique (stream_id, stream_position) constraint backs that up.
 * Idempotent: appending events whose ids are already recorded with the same content is a
 * no-op success (a retried activity), with different content an `EventIdConflictError`.
 *
 * The hash chain (event-hash.ts): an event's canonical text contains the previous event's
 * hash, which only the database knows for sure while it holds the stream's lock. Node
 * canonicalizes everything else and sends the text in two pieces (`canonicalTemplate`),
 * before and after the value of `previousHash`; the function puts the head hash between
 * them and hashes. The stored text and hash are byte for byte what `chainEvent` gives for
 * the same content (proven in event-hash.int.spec.ts).
 */
import type { EntityManager } from 'typeorm';
import { canonicalJson, canonicalTemplate, fillTemplate, GENESIS_HASH, hashOfCanonical, type ChainedContent } from './event-hash';
import { ConcurrencyError, EventIdConflictError } from './event-store-errors';
import type { StoredEvent } from './stored-event';
import { readEventsByIds } from './read-stream';
import { SqlParameters } from './sql-parameters';

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

/** The row `append_to_stream` returns. */
export interface AppendOutcomeRow {
  outcome: 'appended' | 'wrong-version' | 'wrong-head';
  actual_version: number;
  previous_head: string | null;
  hashes: string[] | null;
  global_positions: string[] | null;
}

/** One append, ready to be sent as a call of `append_to_stream`. */
export interface PreparedAppend {
  request: AppendRequest;
  /** the events as they will be stored, chained from `knownHead` (when it was given) */
  chained: StoredEvent[] | null;
  /** the arguments of `append_to_stream` (and the first ones of `record_complaint_events`), added to `params` */
  arguments(params: SqlParameters): string[];
  /** `append_to_stream(...)` with its arguments added to `params` */
  call(params: SqlParameters): string;
  /** the result of an `appended` outcome */
  appended(row: AppendOutcomeRow): AppendResult;
}

/**
 * Prepare an append. With `knownHead` (the head hash the caller's decision was folded
 * from) the chain is computed here too, so the caller can fold the new events before the
 * write; the function then refuses a different head (`wrong-head`) and checks that its
 * hashes equal these before it stores anything.
 */
export function prepareAppend(request: AppendRequest, knownHead?: string): PreparedAppend {
  const { streamId, events, expectedVersion } = request;
  if (events.length === 0) throw new Error('appendToStream needs at least one event');
  const recordedAt = request.recordedAt.toISOString();
  const contents = events.map((event, index) => ({
    streamId,
    position: expectedVersion + index + 1,
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    actor: event.actor,
    occurredAt: event.occurredAt,
    recordedAt,
  }));
  const templates = contents.map(canonicalTemplate);
  const chain = (head: string, hashes: readonly string[] | null): StoredEvent[] => {
    let previousHash = head;
    return contents.map((content, index) => {
      const canonical = fillTemplate(templates[index], previousHash);
      const hash = hashes ? hashes[index] : hashOfCanonical(canonical);
      const stored: StoredEvent = { ...content, previousHash, globalPosition: '', canonical, hash };
      previousHash = hash;
      return stored;
    });
  };
  const chained = knownHead === undefined ? null : chain(expectedVersion === 0 ? GENESIS_HASH : knownHead, null);

  const prepared: PreparedAppend = {
    request,
    chained,
    arguments: (params) => [
        params.add(streamId, 'text'),
        params.add(request.streamType, 'text'),
        params.add(expectedVersion, 'integer'),
        params.add(expectedVersion === 0 ? null : (knownHead ?? null), 'text'),
        params.add(recordedAt, 'timestamptz'),
        params.add(events.map((e) => e.id), 'uuid[]'),
        params.add(events.map((e) => e.type), 'text[]'),
        params.add(events.map((e) => e.schemaVersion), 'integer[]'),
        params.add(events.map((e) => JSON.stringify(e.data)), 'jsonb[]'),
        params.add(events.map((e) => JSON.stringify(e.actor)), 'jsonb[]'),
        params.add(events.map((e) => e.occurredAt), 'timestamptz[]'),
        params.add(templates.map((t) => t.beforePreviousHash), 'text[]'),
        params.add(templates.map((t) => t.afterPreviousHash), 'text[]'),
        params.add(chained ? chained.map((e) => e.hash) : null, 'text[]'),
      ],
    call(params) {
      return `append_to_stream(${prepared.arguments(params).join(', ')})`;
    },
    appended(row) {
      if (row.outcome !== 'appended' || !row.previous_head || !row.hashes || !row.global_positions) {
        throw new Error(`append_to_stream answered ${row.outcome} where an append was expected`);
      }
      const positions = row.global_positions;
      const stored = (chained ?? chain(row.previous_head, row.hashes)).map((e, index) => ({
        ...e,
        globalPosition: positions[index],
      }));
      return { version: row.actual_version, headHash: stored[stored.length - 1].hash, events: stored, alreadyRecorded: false };
    },
  };
  return prepared;
}

export async function appendToStream(tx: EntityManager, request: AppendRequest): Promise<AppendResult> {
  const prepared = prepareAppend(request);
  const params = new SqlParameters();
  const [row]: AppendOutcomeRow[] = await tx.query(`SELECT * FROM ${prepared.call(params)}`, params.values);
  if (row.outcome === 'appended') return prepared.appended(row);
  return settleVersionConflict(tx, request, row.actual_version);
}

/**
 * The stream is not at the expected version: a retry of events already recorded (same
 * content) succeeds without writing; anything else is a `ConcurrencyError`.
 */
export async function settleVersionConflict(
  tx: EntityManager,
  request: AppendRequest,
  actualVersion: number,
): Promise<AppendResult> {
  const replay = await matchRecorded(tx, request.events);
  if (replay) return replay;
  throw new ConcurrencyError(request.streamId, request.expectedVersion, actualVersion);
}

/** The content of an event that a retry must reproduce exactly (everything but recordedAt). */
function decidedContent(event: Omit<EventToAppend, 'id'>) {
  return canonicalJson({
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
