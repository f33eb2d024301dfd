/**
 * The dashboard's figures, computed by SQL from the store in one snapshot: the events table
 * for what happened in the window (promises kept and broken, escalations, times to
 * acknowledge and to the final response, compensation approved), the case projection for
 * what is open now (workload, status, age). `coversThrough` is the highest global event
 * position the snapshot holds.
 *
 * At risk: the projection's `at_risk`, written by the domain's rule (`isAtRisk`: an open
 * promise past the policy's warning point).
 */
import { Inject, Injectable } from '@nestjs/common';
import { Duration } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { openCasesByStatus } from '../../../../libs/event-store/src';
import { ACTIVE_POLICY, type ActivePolicy } from '../config/tokens';

export const AGE_BUCKETS = ['under-1-day', '1-3-days', '3-7-days', '7-28-days', 'over-28-days'] as const;

export interface DashboardWindow {
  from: string;
  to: string;
}

interface Timing {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
  targetMs: number | null;
}

const OPEN = `status <> 'closed'`;
const QUEUE_OWNED = `owner LIKE 'queue:%'`;

@Injectable()
export class DashboardFiguresService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ACTIVE_POLICY) private readonly active: ActivePolicy,
  ) {}

  figures(window: DashboardWindow) {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const [{ covers_through }]: { covers_through: string }[] = await tx.query(
        `SELECT coalesce(max(global_position), 0)::text AS covers_through FROM events`,
      );
      return {
        from: window.from,
        to: window.to,
        coversThrough: Number(covers_through),
        workload: await this.workload(tx),
        openByStatus: await openCasesByStatus(tx),
        openByAge: await this.openByAge(tx),
        promiseKeepingByWeek: await this.promiseKeepingByWeek(tx, window),
        escalationsByReason: await this.escalationsByReason(tx, window),
        timeToAcknowledge: await this.timeFromReceipt(tx, window, `e.type = 'ComplaintAcknowledged'`, this.acknowledgeTargetMs()),
        timeToFinalResponse: await this.timeFromReceipt(tx, window, `e.type = 'ResolutionIssued'`, this.finalResponseTargetMs()),
        compensationApproved: await this.compensationApproved(tx, window),
      };
    });
  }

  private async workload(tx: EntityManager) {
    const queues: { queue: string; open: number }[] = await tx.query(
      `SELECT owner AS queue, count(*)::int AS open FROM complaint_cases WHERE ${OPEN} AND ${QUEUE_OWNED} GROUP BY owner ORDER BY owner`,
    );
    const owners: { owner: string; open: number; breached: number; atRisk: number }[] = await tx.query(
      `SELECT owner, count(*)::int AS open, (count(*) FILTER (WHERE breached))::int AS breached,
              (count(*) FILTER (WHERE at_risk))::int AS "atRisk"
         FROM complaint_cases WHERE ${OPEN} AND NOT (${QUEUE_OWNED}) GROUP BY owner ORDER BY owner`,
    );
    return { queues, owners };
  }

  private async openByAge(tx: EntityManager) {
    const rows: { bucket: string; count: number }[] = await tx.query(
      `SELECT CASE WHEN age < interval '1 day' THEN 'under-1-day'
                   WHEN age < interval '3 days' THEN '1-3-days'
                   WHEN age < interval '7 days' THEN '3-7-days'
                   WHEN age < interval '28 days' THEN '7-28-days'
                   ELSE 'over-28-days' END AS bucket,
              count(*)::int AS count
         FROM (SELECT now() - received_at AS age FROM complaint_cases WHERE ${OPEN}) open_cases
        GROUP BY 1`,
    );
    return AGE_BUCKETS.map((bucket) => ({ bucket, count: rows.find((r) => r.bucket === bucket)?.count ?? 0 }));
  }

  private async promiseKeepingByWeek(tx: EntityManager, window: DashboardWindow) {
    const rows: { weekStart: string; kept: number; broken: number }[] = await tx.query(
      `SELECT to_char(date_trunc('week', occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS "weekStart",
              (count(*) FILTER (WHERE type = 'PromiseKept'))::int AS kept,
              (count(*) FILTER (WHERE type = 'PromiseBroken'))::int AS broken
         FROM events
        WHERE type IN ('PromiseKept', 'PromiseBroken') AND occurred_at >= $1 AND occurred_at < $2
        GROUP BY 1 ORDER BY 1`,
      [window.from, window.to],
    );
    return rows.map((row) => ({ ...row, rate: row.kept + row.broken ? row.kept / (row.kept + row.broken) : null }));
  }

  private escalationsByReason(tx: EntityManager, window: DashboardWindow): Promise<{ reason: string; count: number }[]> {
    return tx.query(
      `SELECT data->>'reason' AS reason, count(*)::int AS count FROM events
        WHERE type = 'Escalated' AND occurred_at >= $1 AND occurred_at < $2
        GROUP BY 1 ORDER BY 2 DESC, 1`,
      [window.from, window.to],
    );
  }

  /** From each case's receipt (received in the window) to its first event matching `until`. */
  private async timeFromReceipt(tx: EntityManager, window: DashboardWindow, until: string, targetMs: number | null): Promise<Timing> {
    const [row]: { count: number; median: number | null; p90: number | null }[] = await tx.query(
      `WITH received AS (
         SELECT stream_id, (data->>'receivedAt')::timestamptz AS at FROM events
          WHERE type = 'ComplaintReceived' AND (data->>'receivedAt')::timestamptz >= $1 AND (data->>'receivedAt')::timestamptz < $2
       ), reached AS (
         SELECT DISTINCT ON (e.stream_id) e.stream_id, e.occurred_at FROM events e JOIN received r ON r.stream_id = e.stream_id
          WHERE ${until} ORDER BY e.stream_id, e.stream_position
       )
       SELECT count(*)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ms) AS p90
         FROM (SELECT greatest(0, extract(epoch FROM reached.occurred_at - received.at) * 1000) AS ms
                 FROM received JOIN reached ON reached.stream_id = received.stream_id) times`,
      [window.from, window.to],
    );
    const ms = (value: number | null) => (value === null ? null : Math.round(Number(value)));
    return { count: row.count, medianMs: ms(row.median), p90Ms: ms(row.p90), targetMs };
  }

  private async compensationApproved(tx: EntityManager, window: DashboardWindow) {
    const rows: { type: string; currency: string; count: number; minor: string }[] = await tx.query(
      `SELECT p.data->>'compensationType' AS type, p.data->'amount'->>'currency' AS currency,
              count(*)::int AS count, sum((p.data->'amount'->>'minor')::bigint)::text AS minor
         FROM events a
         JOIN events p ON p.stream_id = a.stream_id AND p.type = 'CompensationProposed' AND p.data->>'proposalId' = a.data->>'proposalId'
        WHERE a.type = 'CompensationApproved' AND a.occurred_at >= $1 AND a.occurred_at < $2
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [window.from, window.to],
    );
    return rows.map((row) => ({ ...row, minor: Number(row.minor) }));
  }

  /** The active policy's acknowledgment period of normal severity, as a duration in milliseconds (working time). */
  private acknowledgeTargetMs(): number | null {
    const iso = this.active.policy.severities.normal?.acknowledge;
    return iso ? Duration.fromISO(iso).as('milliseconds') : null;
  }

  /** The regulatory final-response period in clock milliseconds when it counts calendar time; null when it counts business days. */
  private finalResponseTargetMs(): number | null {
    const regulatory = this.active.policy.regulatory;
    return regulatory.counting === 'calendar' ? Duration.fromISO(regulatory.finalResponse).as('milliseconds') : null;
  }
}
