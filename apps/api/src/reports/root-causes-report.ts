/**
 * Why complaints happen, from the report tables: the final responses issued in [from, to)
 * (every one, a reopened case's later answers too) counted by category, month (in the policy's
 * time zone) and root cause, labelled and flagged by the domain's `rootCauseFigures`.
 */
import type { EntityManager } from 'typeorm';
import { NO_CAUSE, rootCauseFigures, type CauseCount } from '../../../../libs/domain/src';
import type { ReportWindow } from './report-window';

export async function rootCausesReport(
  db: EntityManager,
  window: ReportWindow,
  timeZone: string,
  rootCauses: readonly { code: string; label: string }[],
  threshold: number,
) {
  const counts: CauseCount[] = await db.query(
    `SELECT category, to_char(issued_at AT TIME ZONE $3, 'YYYY-MM') AS month, coalesce(root_cause, $4) AS cause, count(*)::int AS responses
       FROM report_responses WHERE issued_at >= $1 AND issued_at < $2 GROUP BY 1, 2, 3`,
    [window.from, window.to, timeZone, NO_CAUSE],
  );
  const causes = rootCauseFigures(counts, rootCauses, threshold);
  return {
    timeZone,
    recurringCauseThreshold: threshold,
    responses: counts.reduce((total, count) => total + count.responses, 0),
    causes,
  };
}
