/**
 * One accountable owner at all times. A person takes a case for themselves at once
 * (OwnerAssigned); a transfer to somebody else is a handoff, pending until that person
 * accepts (HandoffRequested, HandoffAccepted) — the current owner keeps the case meanwhile.
 * Whoever takes or receives a case must stand on the ladder's rung the case is at, or above.
 */
import type { ComplaintState } from '../case/complaint-state';
import type { HandoffAccepted, HandoffRequested, NewEvent, OwnerAssigned } from '../events/complaint-events';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { requireOpen } from '../commands/case-guards';
import { envelope, type DecisionContext } from '../commands/decision-context';
import { ladderRank } from '../escalation/escalation-ladder';

export interface AssignCase {
  /** the principal who should own the case */
  to: string;
  /** that principal's role (the API looks it up) */
  toRole: string;
  note?: string | null;
}

function requireRank(state: ComplaintState, principal: string, role: string, context: DecisionContext): void {
  const rank = ladderRank(role, context.policy);
  if (rank < state.escalationLevel) {
    const needed = context.policy.escalationLadder[state.escalationLevel];
    throw new ComplaintRuleError(
      'not-permitted',
      `case ${state.reference} is escalated to ${needed}: ${principal} (${role}) cannot own it`,
    );
  }
}

export function decideAssignment(
  state: ComplaintState,
  command: AssignCase,
  context: DecisionContext,
): [NewEvent<OwnerAssigned>] | [NewEvent<HandoffRequested>] {
  requireOpen(state);
  const actor = context.actor;
  if (command.to === state.owner) {
    throw new ComplaintRuleError('conflict', `${command.to} already owns case ${state.reference}`);
  }
  if (state.pendingHandoff) {
    throw new ComplaintRuleError(
      'conflict',
      `a handoff to ${state.pendingHandoff.to} is pending until ${state.pendingHandoff.expiresAt}`,
    );
  }
  requireRank(state, command.to, command.toRole, context);
  if (command.to === actor.principal) {
    return [{ ...envelope(context), type: 'OwnerAssigned', data: { owner: actor.principal, previousOwner: state.owner } }];
  }
  const inQueue = state.owner.startsWith('queue:');
  const supervises = ladderRank(actor.role, context.policy) > 0;
  if (!inQueue && state.owner !== actor.principal && !supervises) {
    throw new ComplaintRuleError('not-permitted', `only the owner (${state.owner}) or a manager can hand the case over`);
  }
  const expiresAt = context.calendar.addWorkingTime(context.now, context.policy.handoffAcceptance);
  return [
    {
      ...envelope(context),
      type: 'HandoffRequested',
      data: {
        handoffId: context.newId(),
        from: state.owner,
        to: command.to,
        expiresAt: expiresAt.toISOString(),
        note: command.note ?? null,
      },
    },
  ];
}

export function decideHandoffAcceptance(state: ComplaintState, context: DecisionContext): [NewEvent<HandoffAccepted>] {
  requireOpen(state);
  const pending = state.pendingHandoff;
  if (!pending) throw new ComplaintRuleError('conflict', `no handoff of case ${state.reference} is pending`);
  if (pending.to !== context.actor.principal) {
    throw new ComplaintRuleError('not-permitted', `the handoff is to ${pending.to}; only they can accept it`);
  }
  return [{ ...envelope(context), type: 'HandoffAccepted', data: { handoffId: pending.handoffId, from: pending.from, to: pending.to } }];
}
