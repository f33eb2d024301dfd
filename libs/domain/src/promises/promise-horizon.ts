/**
 * How far ahead a promise to the customer may reach. A promise is a date the firm commits
 * to; one after the regulatory final-response deadline is not a promise the rules let it
 * make, and one years ahead is a typing error, not a plan. So a promise must lie in the
 * future and not after the case's final-response deadline; a case past that deadline, or
 * reopened after its final response, may promise at most one regulatory period from now.
 * Checked before any calendar arithmetic on the date, so no date can make a decision slow.
 */
import type { ComplaintState } from '../case/complaint-state';
import { finalResponseDeadline } from '../deadlines/intake-deadlines';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import type { DecisionContext } from '../commands/decision-context';

/** The latest instant a promise made now may name. */
export function promiseHorizon(state: ComplaintState, context: Pick<DecisionContext, 'now' | 'policy' | 'calendar'>): Date {
  const finalResponseBy = state.deadlines ? Date.parse(state.deadlines.finalResponseBy) : Number.NaN;
  if (state.reopenCount === 0 && finalResponseBy > context.now.getTime()) return new Date(finalResponseBy);
  return finalResponseDeadline(context.policy, context.calendar, context.now);
}

/** Refuses (`invalid-command`, naming `path`) a promised instant that is not in the future or beyond the horizon. */
export function requirePromiseDate(when: Date, path: string, state: ComplaintState, context: DecisionContext): void {
  if (!(when instanceof Date) || Number.isNaN(when.getTime()) || when.getTime() <= context.now.getTime()) {
    throw new ComplaintRuleError('invalid-command', `${path} must be in the future`, [{ path, message: 'must be a future instant' }]);
  }
  const horizon = promiseHorizon(state, context);
  if (when.getTime() > horizon.getTime()) {
    throw new ComplaintRuleError('invalid-command', `${path} lies after ${horizon.toISOString()}, the latest date this case may promise`, [
      { path, message: `must not be after ${horizon.toISOString()} (the regulatory final-response deadline)` },
    ]);
  }
}
