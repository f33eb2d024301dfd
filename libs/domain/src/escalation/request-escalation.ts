/** Escalation on request: the customer asked for a manager, or the agent cannot satisfy them. */
import type { ComplaintState } from '../case/complaint-state';
import type { Escalated, NewEvent } from '../events/complaint-events';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { requireOpen, requireText } from '../commands/case-guards';
import type { DecisionContext } from '../commands/decision-context';
import { escalation } from './escalation-ladder';

export interface RequestEscalation {
  reason: string;
}

export function decideRequestEscalation(
  state: ComplaintState,
  command: RequestEscalation,
  context: DecisionContext,
): [NewEvent<Escalated>] {
  requireOpen(state);
  const note = requireText(command.reason, 'reason', 2_000);
  const event = escalation(state, 'requested', context, note, false);
  if (!event) {
    throw new ComplaintRuleError(
      'conflict',
      `case ${state.reference} is already at the top of the escalation ladder (${context.policy.escalationLadder.at(-1)})`,
    );
  }
  return [event];
}
