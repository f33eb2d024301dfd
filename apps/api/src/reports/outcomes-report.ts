/**
 * Cost and customers kept, from the report tables: the cases closed in [from, to) by how they
 * ended (`confirmed`: the customer confirmed satisfaction; `unconfirmed`: no answer in the
 * window, or still dissatisfied after the last reopen; `withdrawn`; `merged`), how many of
 * them had been reopened, and the compensation approved on them by type and currency (in
 * minor units), set side by side; and all compensation approved in the window, whatever
 * became of its case.
 */
import type { EntityManager } from 'typeorm';
import type { ReportWindow } from './report-window';

export const ENDINGS = ['confirmed', 'unconfirmed', 'withdrawn', 'merged'] as const;

interface CompensationRow {
  type: string;
  currency: string;
  approved: number;
  minor: string;
}

export async function outcomesReport(db: EntityManager, window: ReportWindow) {
  const endings: { ending: string; cases: number; reopened: number }[] = await db.query(
    `SELECT closure AS ending, count(*)::int AS cases, (count(*) FILTER (WHERE reopens > 0))::int AS reopened
       FROM report_cases WHERE closed_at >= $1 AND closed_at < $2 GROUP BY 1`,
    [window.from, window.to],
  );
  const byEnding: (CompensationRow & { ending: string })[] = await db.query(
    `SELECT c.closure AS ending, p.compensation_type AS type, p.currency, count(*)::int AS approved, sum(p.minor)::text AS minor
       FROM report_cases c JOIN report_compensation p ON p.case_id = c.case_id AND p.status = 'approved'
      WHERE c.closed_at >= $1 AND c.closed_at < $2
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [window.from, window.to],
  );
  const approvedInWindow: CompensationRow[] = await db.query(
    `SELECT compensation_type AS type, currency, count(*)::int AS approved, sum(minor)::text AS minor
       FROM report_compensation WHERE status = 'approved' AND decided_at >= $1 AND decided_at < $2
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [window.from, window.to],
  );
  const money = (row: CompensationRow) => ({ type: row.type, currency: row.currency, approved: row.approved, minor: Number(row.minor) });
  return {
    endings: ENDINGS.map((ending) => {
      const row = endings.find((r) => r.ending === ending);
      return {
        ending,
        cases: row?.cases ?? 0,
        reopened: row?.reopened ?? 0,
        compensationApproved: byEnding.filter((r) => r.ending === ending).map(money),
      };
    }),
    compensationApprovedInWindow: approvedInWindow.map(money),
  };
}
