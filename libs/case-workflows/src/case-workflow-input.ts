/**
 * The start input of a case's workflow, the one definition CaseWorkflowStarter builds it
 * with (whichever path starts the workflow): the case's recorded events, its policy (with
 * the customer-notice templates of the customer's language only), and that policy's public
 * holidays resolved ahead for the years the case can live in.
 * Client-side only: the workflow itself never loads the holiday library (see HolidayLookup
 * in the business calendar), which is why this lives here and not among the workflow sources.
 */
import { policyForCustomer, publicHolidayDates, type Policy, type RecordedEvent } from '../../domain/src';
import type { ComplaintWorkflowInput } from '../../../workflows/complaint/messages';

/** Years resolved around the case's receipt: one before (time zones), ten after (reopened, long-running cases). */
const YEARS_BEFORE = 1;
const YEARS_AFTER = 10;

/** Resolved dates by region and years: loading the holiday rules costs ~15 ms a time. */
const resolved = new Map<string, string[]>();

function holidaysOf(region: NonNullable<Policy['calendar']['holidays']>, fromYear: number, toYear: number): string[] {
  const key = `${JSON.stringify(region)}:${fromYear}-${toYear}`;
  let dates = resolved.get(key);
  if (!dates) {
    dates = publicHolidayDates(region, fromYear, toYear);
    if (resolved.size >= 64) resolved.delete(resolved.keys().next().value!);
    resolved.set(key, dates);
  }
  return dates;
}

export function complaintWorkflowInput(complaintId: string, registered: Policy, history: RecordedEvent[]): ComplaintWorkflowInput {
  // the notice templates of the customer's language only: they would be most of the input
  const received = history[0]?.type === 'ComplaintReceived' ? history[0] : undefined;
  const policy = policyForCustomer(registered, received?.data.customer.language);
  const region = policy.calendar.holidays;
  if (!region) return { complaintId, policy, history };
  // from the case's first event, so every starter resolves the same years for the same case
  const receivedYear = new Date(history[0]?.occurredAt ?? Date.now()).getUTCFullYear();
  return { complaintId, policy, history, publicHolidays: holidaysOf(region, receivedYear - YEARS_BEFORE, receivedYear + YEARS_AFTER) };
}
