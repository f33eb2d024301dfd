/**
 * The activities the complaint workflow calls, and how the workflow reads their results.
 * The worker binds the implementation (apps/worker); nothing here may use Node or the store.
 */
import type { CaseChanges, NewEvent, Notification, RecordedEvent } from '../../libs/domain/src/workflow';

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

/**
 * The result is kept in the workflow's history: the stream's new version and head hash (the
 * workflow has the events it sent; the chain's head is all the store adds that it needs).
 */
export interface AppendComplaintEventsResult {
  version: number;
  headHash: string;
}

/** The result as the worker gave it before 2026-12-01 (in the histories of cases started then). */
export interface AppendComplaintEventsResultV0 {
  version: number;
  events: RecordedEvent[];
}

/** The stream's head hash after an append. */
export function headAfter(result: AppendComplaintEventsResult | AppendComplaintEventsResultV0): string {
  return 'events' in result ? result.events[result.events.length - 1].hash : result.headHash;
}

export interface ComplaintActivities {
  /** Append decided events (deterministic ids: a retry is a no-op) with projection and outbox. */
  appendComplaintEvents(input: AppendComplaintEventsInput): Promise<AppendComplaintEventsResult>;
}
