/**
 * When each case's workflow was started, from the store: the outbox row that asks for the
 * start is written with the acknowledgment (created_at) and marked processed once the relay
 * has started the workflow (processed_at). Times are seconds after the load began.
 */
import type { DataSource } from 'typeorm';
import { START_WORKFLOW } from '../../libs/event-store/src';

export interface WorkflowStart {
  /** seconds after the load began: the acknowledgment */
  requestedAt: number;
  /** the start's lag in seconds (null: not started) */
  lagSeconds: number | null;
}

export async function workflowStarts(db: DataSource, loadStartedAt: Date): Promise<WorkflowStart[]> {
  const rows: { requestedAt: number; lagSeconds: number | null }[] = await db.query(
    `SELECT extract(epoch FROM created_at - $2::timestamptz)::float8 AS "requestedAt",
            extract(epoch FROM processed_at - created_at)::float8 AS "lagSeconds"
       FROM outbox WHERE kind = $1 ORDER BY created_at`,
    [START_WORKFLOW, loadStartedAt.toISOString()],
  );
  return rows;
}
