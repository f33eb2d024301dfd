/**
 * The activities the complaint workflow calls. Only the type is imported by workflow
 * code; the worker binds the implementation (apps/worker).
 */
import type { NewEvent, RecordedEvent } from '../../libs/domain/src/events/complaint-events';

export interface AppendComplaintEventsInput {
  complaintId: string;
  expectedVersion: number;
  events: NewEvent[];
}

export interface AppendComplaintEventsResult {
  version: number;
  events: RecordedEvent[];
}

export interface ComplaintActivities {
  /** Append decided events (deterministic ids: a retry is a no-op) with projection and outbox. */
  appendComplaintEvents(input: AppendComplaintEventsInput): Promise<AppendComplaintEventsResult>;
}
