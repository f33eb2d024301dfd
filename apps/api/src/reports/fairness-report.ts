/**
 * Fairness, from the report tables: the cases received in [from, to), grouped by the
 * customer's segment, the channel or the customer's language (`(none)` where the case has no
 * segment or language), each group's times and rates judged against the rest of the cases
 * (fairness-judgement.ts). The database gathers per group only what the judgement needs: the
 * times of the cases that got there (milliseconds from receipt) and the counts behind each
 * rate, and the compensation by currency.
 */
import type { EntityManager } from 'typeorm';
import { judgeFairness, type FairnessGrouping, type FairnessThresholds, type GroupSample } from './fairness-judgement';
import type { ReportWindow } from './report-window';

const GROUP_EXPRESSION: Record<FairnessGrouping, string> = {
  segment: `coalesce(c.segment, '(none)')`,
  channel: 'c.channel',
  language: `coalesce(c.language, '(none)')`,
};

interface CaseRow {
  group: string;
  cases: number;
  acknowledgment: number[];
  first_contact: number[];
  final_response: number[];
  answered: number;
  upheld: number;
  reopened: number;
  escalated: number;
  escalations: number;
  offered: number;
  approved: number;
  with_broken: number;
  promises_broken: number;
}

interface MoneyRow {
  group: string;
  currency: string;
  offered: string;
  approved: string;
}

const msSince = (column: string) =>
  `coalesce(array_agg(greatest(0, extract(epoch FROM c.${column} - c.received_at) * 1000)::float8) FILTER (WHERE c.${column} IS NOT NULL), '{}')`;

export async function fairnessReport(db: EntityManager, window: ReportWindow, by: FairnessGrouping, thresholds: FairnessThresholds) {
  const group = GROUP_EXPRESSION[by];
  const cases: CaseRow[] = await db.query(
    `WITH window_cases AS (
       SELECT c.*, ${group} AS grp FROM report_cases c WHERE c.received_at >= $1 AND c.received_at < $2
     ), compensated AS (
       SELECT p.case_id, bool_or(p.status = 'approved') AS approved
         FROM report_compensation p JOIN window_cases w ON w.case_id = p.case_id GROUP BY p.case_id
     ), broken AS (
       SELECT p.case_id, count(*)::int AS promises
         FROM report_promises p JOIN window_cases w ON w.case_id = p.case_id WHERE p.status = 'broken' GROUP BY p.case_id
     )
     SELECT c.grp AS "group", count(*)::int AS cases,
            ${msSince('acknowledged_at')} AS acknowledgment,
            ${msSince('first_contact_at')} AS first_contact,
            ${msSince('final_response_at')} AS final_response,
            (count(*) FILTER (WHERE c.final_response_at IS NOT NULL))::int AS answered,
            (count(*) FILTER (WHERE c.final_response_at IS NOT NULL AND c.outcome IN ('upheld', 'partially_upheld')))::int AS upheld,
            (count(*) FILTER (WHERE c.final_response_at IS NOT NULL AND c.reopens > 0))::int AS reopened,
            (count(*) FILTER (WHERE c.escalations > 0))::int AS escalated,
            coalesce(sum(c.escalations), 0)::int AS escalations,
            count(m.case_id)::int AS offered,
            (count(*) FILTER (WHERE m.approved))::int AS approved,
            count(b.case_id)::int AS with_broken,
            coalesce(sum(b.promises), 0)::int AS promises_broken
       FROM window_cases c
       LEFT JOIN compensated m ON m.case_id = c.case_id
       LEFT JOIN broken b ON b.case_id = c.case_id
      GROUP BY 1 ORDER BY 1`,
    [window.from, window.to],
  );
  const money: MoneyRow[] = await db.query(
    `SELECT ${group} AS "group", p.currency, sum(p.minor)::text AS offered,
            coalesce(sum(p.minor) FILTER (WHERE p.status = 'approved'), 0)::text AS approved
       FROM report_cases c JOIN report_compensation p ON p.case_id = c.case_id
      WHERE c.received_at >= $1 AND c.received_at < $2
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [window.from, window.to],
  );
  const samples: GroupSample[] = cases.map((row) => ({
    group: row.group,
    cases: row.cases,
    times: { timeToAcknowledgment: row.acknowledgment, timeToFirstContact: row.first_contact, timeToFinalResponse: row.final_response },
    rates: {
      upheld: { of: row.answered, count: row.upheld },
      reopened: { of: row.answered, count: row.reopened },
      escalated: { of: row.cases, count: row.escalated },
      compensationOffered: { of: row.cases, count: row.offered },
      compensationApproved: { of: row.offered, count: row.approved },
      promiseBroken: { of: row.cases, count: row.with_broken },
    },
    escalations: row.escalations,
    promisesBroken: row.promises_broken,
    compensation: money
      .filter((m) => m.group === row.group)
      .map((m) => ({ currency: m.currency, offeredMinor: Number(m.offered), approvedMinor: Number(m.approved) })),
  }));
  return { by, alpha: thresholds.alpha, minGroupSize: thresholds.minGroupSize, correction: 'holm' as const, ...judgeFairness(samples, thresholds) };
}
