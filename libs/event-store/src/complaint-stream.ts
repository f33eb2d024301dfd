/**
 * The complaint stream: its events appended together with the case projection row and
 * any outbox messages, all in the caller's one transaction. This is the only way events
 * of a complaint are written.
 */
import type { EntityManager } from 'typeorm';
import {
  CURRENT_SCHEMA_VERSION,
  EVENT_SCHEMAS,
  evolve,
  upcast,
  type EventSchemas,
  type ComplaintState,
  type NewEvent,
  type RecordedEvent,
} from '../../domain/src';
import { appendToStream } from './append-to-stream';
import { enqueueOutbox } from './outbox';
import { readStream } from './read-stream';
import type { StoredEvent } from './stored-event';
import { upsertCaseProjection, upsertCompensationProjection, readCaseState } from './case-projection';

const COMPENSATION_EVENTS = new Set(['CompensationProposed', 'CompensationApproved', 'CompensationRejected', 'ApprovalEscalated']);
import { notificationsFor, type Notification } from '../../domain/src/notifications/notifications';
import { SEND_WEBHOOK, WEBHOOK_TOPIC } from './outbox-kinds';

export const COMPLAINT_STREAM_TYPE = 'complaint';

export function complaintStreamId(complaintId: string): string {
  return `complaint-${complaintId}`;
}

/** A stored row read as the current shape of its domain event (old versions upcast). */
export function toRecordedEvent(stored: StoredEvent): RecordedEvent {
  return readRecordedEvent(stored, EVENT_SCHEMAS);
}

/** `toRecordedEvent` with a given schema registry (current versions and upcasters). */
export function readRecordedEvent(stored: StoredEvent, schemas: EventSchemas): RecordedEvent {
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

export async function recordComplaintEvents(
  tx: EntityManager,
  request: RecordComplaintEvents,
): Promise<RecordedComplaintEvents> {
  const streamId = complaintStreamId(request.complaintId);
  const appended = await appendToStream(tx, {
    streamId,
    streamType: COMPLAINT_STREAM_TYPE,
    expectedVersion: request.expectedVersion,
    recordedAt: request.recordedAt,
    events: request.events.map((e) => ({ ...e, schemaVersion: CURRENT_SCHEMA_VERSION[e.type] })),
  });
  const events = appended.events.map(toRecordedEvent);
  if (appended.alreadyRecorded) {
    const state = await readCaseState(tx, request.complaintId);
    if (!state) throw new Error(`case ${request.complaintId} has events but no projection row`);
    return { state, events, alreadyRecorded: true };
  }
  let state = request.expectedVersion === 0 ? null : await readCaseState(tx, request.complaintId);
  const webhooks: Notification[] = [];
  for (const event of events) {
    state = evolve(state, event);
    webhooks.push(...notificationsFor(event, state));
  }
  if (!state) throw new Error('unreachable: folding at least one event yields a state');
  await upsertCaseProjection(tx, streamId, state);
  if (events.some((e) => COMPENSATION_EVENTS.has(e.type))) await upsertCompensationProjection(tx, state);
  await enqueueOutbox(tx, [
    ...(request.outbox ?? []).map((m) => ({ ...m, streamId })),
    ...webhooks.map((payload) => ({ kind: SEND_WEBHOOK, topic: WEBHOOK_TOPIC, streamId, payload })),
  ]);
  return { state, events, alreadyRecorded: false };
}

export async function loadComplaintEvents(db: EntityManager, complaintId: string): Promise<RecordedEvent[]> {
  const stored = await readStream(db, complaintStreamId(complaintId));
  return stored.map(toRecordedEvent);
}
