/**
 * No action recorded twice, and none the load saw recorded missing. "Duplicate domain
 * events for one action", concretely:
 * - two events with one event id (the store's unique key should make it impossible);
 * - a stream with more than one ComplaintReceived or ComplaintAcknowledged (intake is once per case);
 * - two events in one stream with the same type and identical data (every action's data
 *   carries its own ids, times or counts, so identical data is the same action twice);
 * - one webhook delivery attempt (notification id and attempt number) recorded twice;
 * - a lifecycle step's event (OwnerAssigned, CustomerContacted, CompensationProposed,
 *   ResolutionIssued, SatisfactionConfirmed) more than once in a case: the load takes each
 *   step once, re-sending a failed command with the same Idempotency-Key only after reading
 *   that the case does not show it.
 * And the other way: a step the load knows was recorded (a 2xx, or the case showed it)
 * whose event the store does not hold is a lost action.
 */
import type { DataSource } from 'typeorm';
import { STEP_EVENT, type CaseRecord, type StepName } from '../case-lifecycle';
import { examples, n, type AuditLine } from './audit-line';

export const ONCE_PER_CASE = ['ComplaintReceived', 'ComplaintAcknowledged'] as const;

export interface EventCounts {
  events: number;
  distinctIds: number;
  /** streams with a once-per-case type more than once */
  repeatedOncePerCase: { streamId: string; type: string; count: number }[];
  /** same stream, type and data more than once */
  identical: { streamId: string; type: string; count: number }[];
  /** one delivery attempt recorded more than once */
  repeatedAttempts: { streamId: string; notificationId: string; attempt: string; count: number }[];
  /** how many events of each step's type each case holds */
  stepEvents: { complaintId: string; type: string; count: number }[];
}

export async function eventCounts(db: DataSource): Promise<EventCounts> {
  const [[totals], repeatedOncePerCase, identical, repeatedAttempts, stepEvents] = await Promise.all([
    db.query(`SELECT count(*)::int AS events, count(DISTINCT event_id)::int AS "distinctIds" FROM events`),
    db.query(
      `SELECT stream_id AS "streamId", type, count(*)::int AS count FROM events WHERE type = ANY($1) GROUP BY 1, 2 HAVING count(*) > 1`,
      [ONCE_PER_CASE],
    ),
    db.query(`SELECT stream_id AS "streamId", type, count(*)::int AS count FROM events GROUP BY stream_id, type, data HAVING count(*) > 1`),
    db.query(
      `SELECT stream_id AS "streamId", data->>'notificationId' AS "notificationId", data->>'attempt' AS attempt, count(*)::int AS count
         FROM events WHERE type IN ('NotificationSent', 'NotificationFailed') GROUP BY 1, 2, 3 HAVING count(*) > 1`,
    ),
    db.query(
      `SELECT c.id::text AS "complaintId", e.type, count(*)::int AS count
         FROM events e JOIN complaint_cases c ON c.stream_id = e.stream_id WHERE e.type = ANY($1) GROUP BY 1, 2`,
      [Object.values(STEP_EVENT)],
    ),
  ]);
  return { events: totals.events, distinctIds: totals.distinctIds, repeatedOncePerCase, identical, repeatedAttempts, stepEvents };
}

export function duplicateEventLines(counts: EventCounts, records: readonly CaseRecord[]): AuditLine[] {
  const stepCount = new Map(counts.stepEvents.map((row) => [`${row.complaintId} ${row.type}`, row.count]));
  const repeatedSteps = counts.stepEvents.filter((row) => row.count > 1);
  const lostSteps: string[] = [];
  let stepsDone = 0;
  for (const record of records) {
    if (record.ids.length === 0) continue;
    for (const [step, how] of Object.entries(record.done) as [StepName, string][]) {
      stepsDone += 1;
      if (!stepCount.has(`${record.ids[0]} ${STEP_EVENT[step]}`)) lostSteps.push(`case ${record.ids[0]}: ${step} (${how}) has no ${STEP_EVENT[step]}`);
    }
  }
  const duplicates = [
    ...counts.repeatedOncePerCase.map((r) => `${r.streamId}: ${r.type} ×${r.count}`),
    ...counts.identical.map((r) => `${r.streamId}: ${r.count} identical ${r.type}`),
    ...counts.repeatedAttempts.map((r) => `${r.streamId}: delivery ${r.notificationId} attempt ${r.attempt} ×${r.count}`),
    ...repeatedSteps.map((r) => `case ${r.complaintId}: ${r.type} ×${r.count}`),
  ];
  return [
    {
      check: 'event ids unique',
      count: `${n(counts.events)} events, ${n(counts.distinctIds)} distinct ids`,
      pass: counts.events === counts.distinctIds,
    },
    {
      check: 'duplicate domain events for one action (see the definition below)',
      count: `${n(duplicates.length)} found`,
      pass: duplicates.length === 0,
      detail: examples(duplicates),
    },
    {
      check: 'every step the load saw recorded is in the store',
      count: `${n(stepsDone)} steps recorded (2xx or shown on the case), ${n(lostSteps.length)} missing`,
      pass: lostSteps.length === 0,
      detail: examples(lostSteps),
    },
  ];
}
