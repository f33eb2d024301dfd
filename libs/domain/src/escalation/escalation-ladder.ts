/**
 * The escalation ladder of the policy (e.g. agent → manager → director). Level 0 is the
 * first rung. An escalation moves the case one rung up, to that rung's queue in the
 * case's category, and names its reason; at the top rung there is nowhere left to go.
 */
import type { ComplaintState } from '../case/complaint-state';
import { queueOwner } from '../case/complaint-values';
import type { Escalated, EscalationReason, NewEvent } from '../events/complaint-events';
import type { Policy } from '../policy/policy-schema';
import { envelope, type DecisionContext } from '../commands/decision-context';

/** The queue that owns a case escalated to `level` (level 0: the category's own queue). */
export function levelQueue(category: string, level: number, ladder: readonly string[]): string {
  return level === 0 ? queueOwner(category) : `${queueOwner(category)}:${ladder[level]}`;
}

export function canEscalate(state: ComplaintState, policy: Policy): boolean {
  return state.escalationLevel < policy.escalationLadder.length - 1;
}

/** The rung of the ladder a role stands on, or -1 when the role is not on the ladder. */
export function ladderRank(role: string, policy: Policy): number {
  return policy.escalationLadder.indexOf(role);
}

/** One rung up, or null at the top. The engine acts as `system` unless an actor asked. */
export function escalation(
  state: ComplaintState,
  reason: EscalationReason,
  context: DecisionContext,
  note: string | null = null,
  asSystem = true,
): NewEvent<Escalated> | null {
  if (!canEscalate(state, context.policy)) return null;
  const ladder = context.policy.escalationLadder;
  const toLevel = state.escalationLevel + 1;
  return {
    ...envelope(context, asSystem ? { principal: 'system', role: 'system' } : context.actor),
    type: 'Escalated',
    data: {
      reason,
      fromLevel: state.escalationLevel,
      toLevel,
      role: ladder[toLevel],
      owner: levelQueue(state.category, toLevel, ladder),
      previousOwner: state.owner,
      note,
    },
  };
}
