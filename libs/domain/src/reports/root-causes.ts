/**
 * Why complaints happen, from the final responses: how many responses named each root cause,
 * per category and month, with the cause's label from the policy, and the causes that recur.
 *
 * - Every final response counts, a reopened complaint's second answer too (it names its own
 *   cause); a response that named none (decided under a policy that listed no causes) counts
 *   as the cause `(none)`, with no label, and is never flagged.
 * - A cause recurs when it was named at least `recurringCauseThreshold` times in one category
 *   and month (the policy's `reports.recurringCauseThreshold`: "this many times" is enough);
 *   without that setting, DEFAULT_RECURRING_CAUSE_THRESHOLD.
 * - The label is the active policy's; a code it no longer lists has a null label.
 */
export const NO_CAUSE = '(none)';
export const DEFAULT_RECURRING_CAUSE_THRESHOLD = 3;

export interface CauseCount {
  category: string;
  /** `YYYY-MM`, in the policy's time zone */
  month: string;
  /** a root-cause code, or NO_CAUSE */
  cause: string;
  responses: number;
}

export interface CauseFigures extends CauseCount {
  label: string | null;
  recurring: boolean;
}

export function recurringCauseThreshold(policy: { reports?: { recurringCauseThreshold: number } }): number {
  return policy.reports?.recurringCauseThreshold ?? DEFAULT_RECURRING_CAUSE_THRESHOLD;
}

/** The counts labelled and flagged, by category, month, then the most named cause first. */
export function rootCauseFigures(counts: readonly CauseCount[], rootCauses: readonly { code: string; label: string }[], threshold: number): CauseFigures[] {
  const labels = new Map(rootCauses.map((cause) => [cause.code, cause.label]));
  return counts
    .map((count) => ({
      ...count,
      label: labels.get(count.cause) ?? null,
      recurring: count.cause !== NO_CAUSE && count.responses >= threshold,
    }))
    .sort((a, b) => a.category.localeCompare(b.category) || a.month.localeCompare(b.month) || b.responses - a.responses || a.cause.localeCompare(b.cause));
}
