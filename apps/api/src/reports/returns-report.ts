/**
 * The regulator's complaints return over one period, from the report tables: what was
 * received, answered (each complaint's first final response, with that response's outcome),
 * ended without a response and approved as redress in the period, by category; the domain's
 * `complaintsReturn` groups the categories into the policy's product groups, times each
 * closing on the policy's calendar and reconciles the redress with the approvals summed
 * straight from the events.
 */
import type { EntityManager } from 'typeorm';
import { complaintsReturn, type BusinessCalendar, type ResolutionOutcome, type ReturnPeriod } from '../../../../libs/domain/src';
import { approvedCompensationFromEvents } from '../../../../libs/event-store/src';

export async function returnsReport(db: EntityManager, period: ReturnPeriod, productGroups: Readonly<Record<string, string>>, calendar: BusinessCalendar) {
  const window = [period.from, period.to];
  const opened: { category: string; count: number }[] = await db.query(
    `SELECT category, count(*)::int AS count FROM report_cases WHERE received_at >= $1 AND received_at < $2 GROUP BY 1`,
    window,
  );
  const closed: { category: string; receivedAt: Date; respondedAt: Date; outcome: ResolutionOutcome }[] = await db.query(
    `SELECT c.category, c.received_at AS "receivedAt", c.final_response_at AS "respondedAt", r.outcome
       FROM report_cases c JOIN report_responses r ON r.case_id = c.case_id AND r.issued_at = c.final_response_at
      WHERE c.final_response_at >= $1 AND c.final_response_at < $2`,
    window,
  );
  const endedWithoutResponse: { category: string; count: number }[] = await db.query(
    `SELECT category, count(*)::int AS count FROM report_cases
      WHERE final_response_at IS NULL AND closed_at >= $1 AND closed_at < $2 GROUP BY 1`,
    window,
  );
  const redress: { category: string; currency: string; minor: string }[] = await db.query(
    `SELECT c.category, p.currency, sum(p.minor)::text AS minor
       FROM report_compensation p JOIN report_cases c ON c.case_id = p.case_id
      WHERE p.status = 'approved' AND p.decided_at >= $1 AND p.decided_at < $2 GROUP BY 1, 2`,
    window,
  );
  const redressFromEvents = await approvedCompensationFromEvents(db, period);
  return {
    period: period.period,
    ...complaintsReturn(
      {
        opened,
        closed: closed.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString(), respondedAt: row.respondedAt.toISOString() })),
        endedWithoutResponse,
        redress: redress.map((row) => ({ ...row, minor: Number(row.minor) })),
        redressFromEvents,
      },
      productGroups,
      calendar,
    ),
  };
}
