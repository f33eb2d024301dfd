/**
 * Promises to customers over a window, from the report tables: the promises made in
 * [from, to) (resolution and call-back promises alike), grouped by the owner or team the case
 * had when each was made, by category or by the month it was made (in the policy's time zone);
 * per group how many were made, kept, revised (at least once; `revisions` counts them all),
 * broken (with why: the deadline passed, or the case closed with it open) and still open, and
 * the keeping rate: kept / (kept + broken), null while none is settled.
 */
import type { EntityManager } from 'typeorm';
import type { ReportWindow } from './report-window';

export const PROMISE_GROUPINGS = ['owner', 'team', 'category', 'month'] as const;
export type PromiseGrouping = (typeof PROMISE_GROUPINGS)[number];

export interface PromiseFigures {
  made: number;
  kept: number;
  revised: number;
  revisions: number;
  broken: number;
  brokenReasons: { due: number; closed: number };
  open: number;
  keepingRate: number | null;
}

const GROUP_EXPRESSION: Record<PromiseGrouping, string> = {
  owner: `coalesce(owner, '(none)')`,
  team: `coalesce(team, '(none)')`,
  category: 'category',
  month: `to_char(made_at AT TIME ZONE $3, 'YYYY-MM')`,
};

interface Row {
  group: string;
  made: number;
  kept: number;
  revised: number;
  revisions: number;
  broken: number;
  broken_due: number;
  broken_closed: number;
  open: number;
}

function figures(row: Omit<Row, 'group'>): PromiseFigures {
  return {
    made: row.made,
    kept: row.kept,
    revised: row.revised,
    revisions: row.revisions,
    broken: row.broken,
    brokenReasons: { due: row.broken_due, closed: row.broken_closed },
    open: row.open,
    keepingRate: row.kept + row.broken > 0 ? row.kept / (row.kept + row.broken) : null,
  };
}

export async function promisesReport(db: EntityManager, window: ReportWindow, groupBy: PromiseGrouping, timeZone: string) {
  const rows: Row[] = await db.query(
    `SELECT ${GROUP_EXPRESSION[groupBy]} AS "group",
            count(*)::int AS made,
            (count(*) FILTER (WHERE status = 'kept'))::int AS kept,
            (count(*) FILTER (WHERE revisions > 0))::int AS revised,
            coalesce(sum(revisions), 0)::int AS revisions,
            (count(*) FILTER (WHERE status = 'broken'))::int AS broken,
            (count(*) FILTER (WHERE status = 'broken' AND broken_reason = 'due'))::int AS broken_due,
            (count(*) FILTER (WHERE status = 'broken' AND broken_reason = 'closed'))::int AS broken_closed,
            (count(*) FILTER (WHERE status = 'open'))::int AS open
       FROM report_promises
      WHERE made_at >= $1 AND made_at < $2
      GROUP BY 1 ORDER BY 1`,
    groupBy === 'month' ? [window.from, window.to, timeZone] : [window.from, window.to],
  );
  const sum = (key: keyof Omit<Row, 'group'>) => rows.reduce((total, row) => total + row[key], 0);
  return {
    groupBy,
    groups: rows.map((row) => ({ group: row.group, ...figures(row) })),
    total: figures({
      made: sum('made'),
      kept: sum('kept'),
      revised: sum('revised'),
      revisions: sum('revisions'),
      broken: sum('broken'),
      broken_due: sum('broken_due'),
      broken_closed: sum('broken_closed'),
      open: sum('open'),
    }),
  };
}
