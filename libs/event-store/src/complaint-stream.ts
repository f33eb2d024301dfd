/**
 * The complaint stream: its events appended together with the case projection row and
 * any outbox messages, all in one statement (so in one transaction, the caller's or the
 * statement's own). This is the only way events of a complaint are written.
 */
import type { EntityManager } from 'typeorm';
import {
  CURRENT_SCHEMA_VERSION,
  evolve,
  type ComplaintState,
  type NewEvent,
  type RecordedEvent,
  notificationsFor,
  type Notification,
} from '../../domain/src';
import { prepareAppend, settleVersionConflict, type AppendOutcomeRow, type AppendRequest } from './append-to-stream';
import { caseProjectionRow, compensationProjectionRows, readCaseState } from './case-projection';
import { CaseStateMemo } from './case-state-memo';
import { GENESIS_HASH } from './event-hash';
import { SEND_WEBHOOK, WEBHOOK_TOPIC } from './outbox-kinds';
import { readStream } from './read-stream';
import { toRecordedEvent } from './recorded-event';
import { SqlParameters } from './sql-parameters';

const COMPENSATION_EVENTS = new Set(['CompensationProposed', 'CompensationApproved', 'CompensationRejected', 'ApprovalEscalated']);

export const COMPLAINT_STREAM_TYPE = 'complaint';

export function complaintStreamId(complaintId: string): string {
  return `complaint-${complaintId}`;
}

export interface RecordComplaintEvents {
  complaintId: string;
  expectedVersion: number;
  events: readonly NewEvent[];
  recordedAt: Date;
  outbox?: readonly { kind: string; topic: string; payload: unknown }[];
}

export interface RecordedComplaintEvents {
  state: ComplaintState;
  events: RecordedEvent[];
  alreadyRecorded: boolean;
}

/** States this process wrote last (see CaseStateMemo: a hint the database checks). */
const recentStates = new CaseStateMemo(500);

/**
 * Record a complaint's new events with its projection rows and outbox messages in ONE
 * statement, a call of `record_complaint_events` (migration 1763900000400): the append
 * and, only if it appended, the projection upserts and outbox inserts. Pass a transaction's manager to make it part
 * of a larger transaction (intake), or a data source's manager to let the statement be
 * its own transaction: the success path is then one round trip.
 *
 * The fold needs the state before the events: none at version 0, else the state this
 * process wrote last at that version, else the projection row (one read). The append is
 * conditional on the version and head hash that state was folded at, so a stale state
 * can never be written.
 */
export async function recordComplaintEvents(
  tx: EntityManager,
  request: RecordComplaintEvents,
): Promise<RecordedComplaintEvents> {
  const streamId = complaintStreamId(request.complaintId);
  const append: AppendRequest = {
    streamId,
    streamType: COMPLAINT_STREAM_TYPE,
    expectedVersion: request.expectedVersion,
    recordedAt: request.recordedAt,
    events: request.events.map((e) => ({ ...e, schemaVersion: CURRENT_SCHEMA_VERSION[e.type] })),
  };
  for (let useMemo = true; ; useMemo = false) {
    const before = await stateBefore(tx, request, useMemo);
    if ('actualVersion' in before) return settleConflict(tx, request, append, before.actualVersion);

    const prepared = prepareAppend(append, before.state?.headHash ?? GENESIS_HASH);
    const events = (prepared.chained ?? []).map(toRecordedEvent);
    let state = before.state;
    const webhooks: Notification[] = [];
    for (const event of events) {
      state = evolve(state, event);
      webhooks.push(...notificationsFor(event, state));
    }
    if (!state) throw new Error('unreachable: folding at least one event yields a state');
    const stateJson = JSON.stringify(state);

    const compensation = events.some((e) => COMPENSATION_EVENTS.has(e.type)) ? compensationProjectionRows(state) : null;
    const outbox = [
      ...(request.outbox ?? []),
      ...webhooks.map((payload) => ({ kind: SEND_WEBHOOK, topic: WEBHOOK_TOPIC, payload })),
    ];
    const params = new SqlParameters();
    const args = [
      ...prepared.arguments(params),
      params.add(JSON.stringify(caseProjectionRow(streamId, state)), 'jsonb'),
      params.add(stateJson, 'jsonb'),
      params.add(compensation ? JSON.stringify(compensation) : null, 'jsonb'),
      params.add(outbox.map((m) => m.kind), 'text[]'),
      params.add(outbox.map((m) => m.topic), 'text[]'),
      params.add(outbox.map((m) => JSON.stringify(m.payload)), 'jsonb[]'),
    ];
    const [row]: AppendOutcomeRow[] = await tx.query(`SELECT * FROM record_complaint_events(${args.join(', ')})`, params.values);

    switch (row.outcome) {
      case 'appended':
        prepared.appended(row);
        recentStates.remember(request.complaintId, state);
        return { state, events, alreadyRecorded: false };
      case 'wrong-version':
        return settleConflict(tx, request, append, row.actual_version);
      case 'wrong-head':
        recentStates.forget(request.complaintId);
        if (before.fromMemo) continue;
        throw new Error(`case ${request.complaintId}: the projection row is not at the stream's head ${row.previous_head}`);
    }
  }
}

/** The state the new events fold onto, or the actual version when it is not the expected one. */
async function stateBefore(
  db: EntityManager,
  request: RecordComplaintEvents,
  useMemo: boolean,
): Promise<{ state: ComplaintState | null; fromMemo: boolean } | { actualVersion: number }> {
  if (request.expectedVersion === 0) return { state: null, fromMemo: false };
  const remembered = useMemo ? recentStates.stateAt(request.complaintId, request.expectedVersion) : null;
  if (remembered) return { state: remembered, fromMemo: true };
  // the row is written in the statement that moves the stream, so its version is the stream's
  const state = await readCaseState(db, request.complaintId);
  if (state?.version !== request.expectedVersion) return { actualVersion: state?.version ?? 0 };
  return { state, fromMemo: false };
}

/** Not at the expected version: a retry of recorded events answers as before, else ConcurrencyError. */
async function settleConflict(
  tx: EntityManager,
  request: RecordComplaintEvents,
  append: AppendRequest,
  actualVersion: number,
): Promise<RecordedComplaintEvents> {
  const replay = await settleVersionConflict(tx, append, actualVersion);
  const state = await readCaseState(tx, request.complaintId);
  if (!state) throw new Error(`case ${request.complaintId} has events but no projection row`);
  return { state, events: replay.events.map(toRecordedEvent), alreadyRecorded: true };
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
