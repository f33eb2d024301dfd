/**
 * What-if replay of a window's cases under a candidate policy (POST /v1/reports/what-if):
 * each case's recorded events run again through the candidate's calendar, deadlines and
 * escalation rules by the domain's `replayUnderPolicy`, side by side with what happened,
 * per category. Reads only: nothing is written and no workflow starts.
 *
 * The cases are those open at some time in [from, to) (received before `to`, not closed
 * before `from`), found in the report tables; their events are read from the store in
 * batches. Excluded, counted and named: cases started under another policy version than the
 * one in force (what happened to them followed other rules, so it is no baseline), and the
 * cases closed before the window began.
 */
import type { EntityManager } from 'typeorm';
import {
  addFigures,
  calendarFor,
  noFigures,
  parsePolicy,
  PolicyError,
  replayUnderPolicy,
  type BusinessCalendar,
  type Policy,
  type ReplayWindow,
  type WhatIfFigures,
} from '../../../../libs/domain/src';
import { readStreams, toRecordedEvent } from '../../../../libs/event-store/src';
import { ProblemException } from '../problems/problem';

/** Cases whose events are read in one query. */
const BATCH = 500;
/** At most this many references are named per exclusion. */
const NAMED = 100;

/** The candidate policy of the body, validated as a policy file is; refused (422) naming every bad field. */
export function candidatePolicy(body: unknown): { policy: Policy; calendar: BusinessCalendar } {
  try {
    const policy = parsePolicy(JSON.stringify(body), 'candidate');
    return { policy, calendar: calendarFor(policy.calendar) };
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    throw new ProblemException('rule-violation', 'the candidate policy is not a valid policy', {
      errors: error.issues.map((issue) => ({ path: issue.path === '(root)' ? 'body.policy' : `body.policy.${issue.path}`, message: issue.message })),
    });
  }
}

interface InScope {
  case_id: string;
  reference: string;
  policy_version: string;
}

interface Side {
  actual: WhatIfFigures;
  whatIf: WhatIfFigures;
}

export async function whatIfReport(
  db: EntityManager,
  candidate: { policy: Policy; calendar: BusinessCalendar },
  inForce: string,
  window: ReplayWindow,
) {
  const from = window.from.toISOString();
  const to = window.to.toISOString();
  const scope: InScope[] = await db.query(
    `SELECT case_id, reference, policy_version FROM report_cases
      WHERE received_at < $2 AND (closed_at IS NULL OR closed_at >= $1) ORDER BY received_at, case_id`,
    [from, to],
  );
  const [closedBefore]: { cases: number; references: string[] }[] = await db.query(
    `SELECT count(*)::int AS cases, (array_agg(reference ORDER BY closed_at DESC))[1:${NAMED}] AS references
       FROM report_cases WHERE closed_at < $1`,
    [from],
  );
  const otherPolicy = scope.filter((c) => c.policy_version !== inForce);
  const replayed = scope.filter((c) => c.policy_version === inForce);

  const byCategory = new Map<string, Side & { cases: number }>();
  for (let start = 0; start < replayed.length; start += BATCH) {
    const batch = replayed.slice(start, start + BATCH);
    // report_cases.case_id holds the case's stream id
    const streams = await readStreams(db, batch.map((c) => c.case_id));
    for (const stored of streams.values()) {
      if (stored.length === 0) continue;
      const replay = replayUnderPolicy(stored.map(toRecordedEvent), candidate, window);
      const group = byCategory.get(replay.category) ?? { cases: 0, actual: noFigures(), whatIf: noFigures() };
      group.cases += 1;
      addFigures(group.actual, replay.actual);
      addFigures(group.whatIf, replay.whatIf);
      byCategory.set(replay.category, group);
    }
  }
  const categories = [...byCategory].sort(([a], [b]) => a.localeCompare(b)).map(([category, side]) => ({ category, ...side }));
  const total = categories.reduce(
    (sum, side) => ({ cases: sum.cases + side.cases, actual: addFigures(sum.actual, side.actual), whatIf: addFigures(sum.whatIf, side.whatIf) }),
    { cases: 0, actual: noFigures(), whatIf: noFigures() },
  );
  return {
    candidatePolicyVersion: candidate.policy.version,
    policyInForce: inForce,
    replayed: replayed.length,
    categories,
    total,
    excluded: {
      otherPolicy: { cases: otherPolicy.length, references: otherPolicy.slice(0, NAMED).map((c) => c.reference) },
      closedBeforePeriod: { cases: closedBefore.cases, references: closedBefore.references ?? [] },
    },
  };
}
