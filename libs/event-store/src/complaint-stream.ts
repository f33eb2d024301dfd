/**
 * The complaint stream: its events appended together with the case projection row and
 * any outbox messages, all in one statement (so in one transaction, the caller's or the
 * statement's own). This is the only way events of a complaint are written.
 */
import type { EntityManager } from 'typeorm';
import {
  CURRENT_SCHEMA_VERSION,
  foldAction,
  type CaseChanges,
  type ComplaintState,
  type FoldedAction,
  type NewEvent,
  type Notification,
  type RecordedEvent,
} from '../../domain/src';
import { prepareAppend, settleVersionConflict, type AppendOutcomeRow, type AppendRequest } from './append-to-stream';
import { caseChangeArguments } from './case-projection';
import { GENESIS_HASH } from './event-hash';
import { ConcurrencyError } from './event-store-errors';
import { SEND_WEBHOOK, WEBHOOK_TOPIC } from './outbox-kinds';
import { readStream } from './read-stream';
import { toRecordedEvent } from './recorded-event';
import { SqlParameters } from './sql-parameters';

export const COMPLAINT_STREAM_TYPE = 'complaint';

export function complaintStreamId(complaintId: string): string {
  return `complaint-${complaintId}`;
}

/**
 * An action's events with what its deciding fold produced (foldAction in libs/domain):
 * the store writes exactly this and folds nothing.
 */
export interface RecordComplaintEvents {
  complaintId: string;
  expectedVersion: number;
  /** the hash of the stream's head the events were decided on (GENESIS_HASH for a new case) */
  knownHead: string;
  events: readonly NewEvent[];
  /** what the events change in the case's read model */
  changes: CaseChanges;
  /** the webhooks the events cause, written as outbox rows */
  notifications: readonly Notification[];
  recordedAt: Date;
  /** further outbox rows (intake's start of the case's workflow) */
  outbox?: readonly { kind: string; topic: string; payload: unknown }[];
}

/** What recording `events` decided on `before` (null: a new case) needs; the fold is done here, once, and returned. */
export type DecidedAction = Pick<RecordComplaintEvents, 'expectedVersion' | 'knownHead' | 'events' | 'changes' | 'notifications'> & {
  folded: FoldedAction;
};

/** For callers that decide outside a case's workflow (intake, tools): fold the decided events once. */
export function decidedOn(before: ComplaintState | null, events: readonly NewEvent[]): DecidedAction {
  const folded = foldAction(before, events);
  return {
    expectedVersion: before?.version ?? 0,
    knownHead: before?.headHash ?? GENESIS_HASH,
    events,
    changes: folded.changes,
    notifications: folded.notifications,
    folded,
  };
}

export interface RecordedComplaintEvents {
  events: RecordedEvent[];
  /** true when every event had been recorded before (a retry); nothing was written */
  alreadyRecorded: boolean;
}

/**
 * Record a complaint's new events with its read-model changes and outbox rows in ONE
 * statement, a call of `record_complaint_events` (migration 1763900001100): the append and,
 * only if it appended, the case summary and items, the compensation rows and the outbox
 * rows. Pass a transaction's manager to make it part of a larger transaction, or a
 * data source's manager to let the statement be its own transaction: one round trip.
 *
 * The events are chained here from `knownHead`; the database appends only at that version
 * and head. A retry of events already recorded answers them again (`alreadyRecorded`);
 * a stream that moved on is a ConcurrencyError.
 */
export async function recordComplaintEvents(
  tx: EntityManager,
  request: RecordComplaintEvents,
): Promise<RecordedComplaintEvents> {
  const call = recordCall(request);
  const [row]: AppendOutcomeRow[] = await tx.query(`SELECT * FROM record_complaint_events(${call.args.join(', ')})`, call.params.values);
  return settleRecordOutcome(tx, call, row);
}

/** Who filed a new case, under which Idempotency-Key, with which request body (its digest). */
export interface IntakeClaim {
  principal: string;
  key: string;
  requestHash: string;
}

export type RecordedIntake =
  | { outcome: 'recorded'; events: RecordedEvent[] }
  /** the key was taken by an earlier request: nothing was written */
  | { outcome: 'key-taken'; earlier: { complaintId: string; requestHash: string } };

/**
 * A new case's first events, recorded only if its Idempotency-Key is still free: the key's
 * claim and `recordComplaintEvents`' write in ONE statement, `record_complaint_intake`
 * (migration 1763900001200), so in its own transaction and one round trip.
 */
export async function recordComplaintIntake(
  db: EntityManager,
  claim: IntakeClaim,
  request: RecordComplaintEvents,
): Promise<RecordedIntake> {
  const call = recordCall(request);
  const claimArgs = [
    call.params.add(claim.principal, 'text'),
    call.params.add(claim.key, 'text'),
    call.params.add(claim.requestHash, 'text'),
    call.params.add(request.complaintId, 'uuid'),
  ];
  const [row]: (AppendOutcomeRow | { outcome: 'key-taken'; earlier_complaint_id: string; earlier_request_hash: string })[] = await db.query(
    `SELECT * FROM record_complaint_intake(${[...claimArgs, ...call.args].join(', ')})`,
    call.params.values,
  );
  if (row.outcome === 'key-taken') {
    return { outcome: 'key-taken', earlier: { complaintId: row.earlier_complaint_id, requestHash: row.earlier_request_hash } };
  }
  const recorded = await settleRecordOutcome(db, call, row);
  return { outcome: 'recorded', events: recorded.events };
}

interface RecordCall {
  append: AppendRequest;
  prepared: ReturnType<typeof prepareAppend>;
  params: SqlParameters;
  /** the placeholders of `record_complaint_events`' arguments, in order */
  args: string[];
}

function recordCall(request: RecordComplaintEvents): RecordCall {
  const append: AppendRequest = {
    streamId: complaintStreamId(request.complaintId),
    streamType: COMPLAINT_STREAM_TYPE,
    expectedVersion: request.expectedVersion,
    recordedAt: request.recordedAt,
    events: request.events.map((e) => ({ ...e, schemaVersion: CURRENT_SCHEMA_VERSION[e.type] })),
  };
  const prepared = prepareAppend(append, request.knownHead);
  const outbox = [
    ...(request.outbox ?? []),
    ...request.notifications.map((payload) => ({ kind: SEND_WEBHOOK, topic: WEBHOOK_TOPIC, payload })),
  ];
  const params = new SqlParameters();
  const [summary, breached, atRisk, items, compensation] = caseChangeArguments(request.changes);
  const args = [
    ...prepared.arguments(params),
    params.add(summary, 'jsonb'),
    params.add(breached, 'boolean'),
    params.add(atRisk, 'boolean'),
    params.add(items, 'jsonb'),
    params.add(compensation, 'jsonb'),
    params.add(outbox.map((m) => m.kind), 'text[]'),
    params.add(outbox.map((m) => m.topic), 'text[]'),
    params.add(outbox.map((m) => JSON.stringify(m.payload)), 'jsonb[]'),
  ];
  return { append, prepared, params, args };
}

async function settleRecordOutcome(db: EntityManager, call: RecordCall, row: AppendOutcomeRow): Promise<RecordedComplaintEvents> {
  switch (row.outcome) {
    case 'appended':
      return { events: call.prepared.appended(row).events.map(toRecordedEvent), alreadyRecorded: false };
    case 'wrong-version': {
      const replay = await settleVersionConflict(db, call.append, row.actual_version);
      return { events: replay.events.map(toRecordedEvent), alreadyRecorded: true };
    }
    case 'wrong-head':
      // the version is the one expected but its head is not the one the events were decided on
      throw new ConcurrencyError(call.append.streamId, call.append.expectedVersion, row.actual_version);
  }
}

/** The case's events in order; those after `afterPosition` and up to `upToPosition` only when given. */
export async function loadComplaintEvents(
  db: EntityManager,
  complaintId: string,
  afterPosition = 0,
  upToPosition?: number,
): Promise<RecordedEvent[]> {
  const stored = await readStream(db, complaintStreamId(complaintId), afterPosition, upToPosition);
  return stored.map(toRecordedEvent);
}
