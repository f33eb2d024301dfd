/**
 * The activities the complaint workflow calls, and how the workflow reads their results.
 * The worker binds the implementation (apps/worker); nothing here may use Node or the store.
 */
import type { CaseChanges, NewEvent, Notification, RecordedEnvelope, RecordedEvent } from '../../libs/domain/src/workflow';

/**
 * The events of one action and what the workflow's fold of them produced, so the activity
 * writes without folding. It is kept in the workflow's history: the summary's changed
 * members and the new or changed list items only, never the whole case.
 */
export interface AppendComplaintEventsInput {
  complaintId: string;
  expectedVersion: number;
  events: NewEvent[];
  /** the stream's head hash the events were decided on */
  knownHead: string;
  changes: CaseChanges;
  notifications: Notification[];
}

/** What the store added to a decided event when it recorded it (the rest the workflow sent). */
export type RecordedAs = Pick<RecordedEnvelope, 'id' | 'streamId' | 'position' | 'schemaVersion' | 'recordedAt' | 'hash' | 'previousHash'>;

/**
 * The result is kept in the workflow's history: it names where and how each event was
 * recorded, not the events again, so the history grows by the events' size once.
 */
export interface AppendComplaintEventsResult {
  version: number;
  /** one per event sent, in order */
  recorded: RecordedAs[];
}

/** The result as the worker gave it before 2026-12-01 (in the histories of cases started then). */
export interface AppendComplaintEventsResultV0 {
  version: number;
  events: RecordedEvent[];
}

/** The events sent, as recorded. */
export function recordedEvents(sent: readonly NewEvent[], result: AppendComplaintEventsResult | AppendComplaintEventsResultV0): RecordedEvent[] {
  if ('events' in result) return result.events;
  return sent.map((event, index) => ({ ...event, ...result.recorded[index] }) as RecordedEvent);
}

export interface ComplaintActivities {
  /** Append decided events (deterministic ids: a retry is a no-op) with projection and outbox. */
  appendComplaintEvents(input: AppendComplaintEventsInput): Promise<AppendComplaintEventsResult>;
}
