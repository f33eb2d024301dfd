/**
 * How a case action fails when the domain did not refuse it (domain refusals carry their
 * ComplaintRuleCode as the failure type). Shared by the append activity (which raises
 * them), the workflow (which turns them into a failed action and keeps the case usable)
 * and the API (which answers them).
 */
export const ACTION_FAILURE = {
  /** the store refused the content (it would refuse it on every retry): nothing was recorded */
  contentRefused: 'content-refused',
  /** the store did not answer within the retry budget: nothing was recorded, retry later */
  storeUnavailable: 'store-unavailable',
  /** the stream holds events the workflow had not folded (an append whose answer was lost); decided again, up to 3 times */
  staleVersion: 'stale-version',
  /** a bug: the decision or the append threw something unexpected */
  internal: 'internal-error',
} as const;

export type ActionFailureType = (typeof ACTION_FAILURE)[keyof typeof ACTION_FAILURE];
