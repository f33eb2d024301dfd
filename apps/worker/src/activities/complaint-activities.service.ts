/**
 * The implementation of the complaint workflow's activities: methods of an injectable
 * service, bound explicitly when the Worker is created.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordComplaintEvents } from '../../../../libs/event-store/src/complaint-stream';
import type {
  AppendComplaintEventsInput,
  AppendComplaintEventsResult,
  ComplaintActivities,
} from '../../../../workflows/complaint/complaint-activities';

@Injectable()
export class ComplaintActivitiesService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * One statement, its own transaction: events (hash-chained, compare-and-set), projection
   * row, outbox rows (recordComplaintEvents writes all of them in one statement or none).
   */
  async appendComplaintEvents(input: AppendComplaintEventsInput): Promise<AppendComplaintEventsResult> {
    const result = await recordComplaintEvents(this.db.manager, {
      complaintId: input.complaintId,
      expectedVersion: input.expectedVersion,
      events: input.events,
      recordedAt: new Date(),
    });
    return { version: result.state.version, events: result.events };
  }

  /** The activity functions, bound to this instance, for Worker.create. */
  activities(): ComplaintActivities {
    return { appendComplaintEvents: this.appendComplaintEvents.bind(this) };
  }
}
