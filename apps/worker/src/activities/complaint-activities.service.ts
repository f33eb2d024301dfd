/**
 * The implementation of the complaint workflow's activities: methods of an injectable
 * service, bound explicitly when the Worker is created.
 *
 * A failed append tells the workflow what kind of failure it is (action-failures.ts): the
 * store refusing the content fails at once and is never retried; a stream that moved past
 * the expected version hands the workflow the events it missed; a database that is down
 * or overloaded is thrown as it is, for Temporal to retry within the workflow's budget.
 */
import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { classifyDatabaseFault, ConcurrencyError, EventIdConflictError, loadComplaintEvents, recordComplaintEvents } from '../../../../libs/event-store/src';
import { ACTION_FAILURE } from '../../../../workflows/complaint/action-failures';
import { WorkerMetrics } from '../metrics/worker-metrics';
import type {
  AppendComplaintEventsInput,
  AppendComplaintEventsResult,
  ComplaintActivities,
} from '../../../../workflows/complaint/complaint-activities';

@Injectable()
export class ComplaintActivitiesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {}

  /**
   * One statement, its own transaction: events (hash-chained, compare-and-set), the case's
   * read-model changes and outbox rows as the workflow's fold gave them
   * (recordComplaintEvents writes all of them in one statement or none; it folds nothing).
   */
  async appendComplaintEvents(input: AppendComplaintEventsInput): Promise<AppendComplaintEventsResult> {
    try {
      const result = await this.metrics.appends.time(
        'workflow',
        () => recordComplaintEvents(this.db.manager, { ...input, recordedAt: new Date() }),
        (recorded) => (recorded.alreadyRecorded ? 0 : recorded.events.length),
      );
      const last = result.events[result.events.length - 1];
      return { version: last.position, headHash: last.hash };
    } catch (error) {
      throw await this.failure(input, error);
    }
  }

  private async failure(input: AppendComplaintEventsInput, error: unknown): Promise<unknown> {
    if (error instanceof ConcurrencyError) {
      const missed = (await loadComplaintEvents(this.db.manager, input.complaintId)).slice(input.expectedVersion);
      return ApplicationFailure.create({
        type: ACTION_FAILURE.staleVersion,
        message: `case ${input.complaintId} is at version ${error.actualVersion}, not ${input.expectedVersion}`,
        details: [missed],
        nonRetryable: true,
      });
    }
    if (error instanceof EventIdConflictError) {
      return ApplicationFailure.create({ type: ACTION_FAILURE.internal, message: error.message, nonRetryable: true });
    }
    if (classifyDatabaseFault(error) === 'refused-content') {
      return ApplicationFailure.create({
        type: ACTION_FAILURE.contentRefused,
        message: `the store refused the content: ${(error as Error).message}`,
        nonRetryable: true,
      });
    }
    return error;
  }

  /** The activity functions, bound to this instance, for Worker.create. */
  activities(): ComplaintActivities {
    return { appendComplaintEvents: this.appendComplaintEvents.bind(this) };
  }
}
