/**
 * The deadlines a case is watching, and what happens when one passes. The workflow asks
 * `caseTimers` for the earliest one, sleeps until then (or until something changes), and
 * records what `decideTimer` says. Every timer listed here yields events when it fires,
 * so a fired timer never comes back unchanged.
 *
 *   severity        a critical case goes one rung up at once
 *   unassigned      still in its queue when the (pause-adjusted) first-contact deadline passes
 *   inactivity      nobody acted for the update interval (not while waiting on the customer)
 *   promise-warning the policy's fraction of a promise's time has passed
 *   promise-breach  a promise fell due without being kept
 *   handoff-expiry  nobody accepted a handoff in time: the case returns and escalates
 *   approval-deadline   a compensation decision is overdue: the approval moves one rung up
 *   satisfaction-window the customer did not answer after the final response: closed unconfirmed
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import { openPromises, ownedByPerson, type ComplaintState } from '../case/complaint-state';
import { SYSTEM_ACTOR, type NewEvent } from '../events/complaint-events';
import type { Policy } from '../policy/policy-schema';
import { envelope, type DecisionContext } from '../commands/decision-context';
import { canEscalate, escalation } from '../escalation/escalation-ladder';
import { deadlineDurations } from './intake-deadlines';
import { slaDeadline } from './sla-clock';
import { nextApprovalRung } from '../compensation/authority';
import { decideApprovalDeadline } from '../compensation/compensation-decisions';
import { decideSatisfactionWindow } from '../resolution/resolution-decisions';

export type CaseTimer =
  | { kind: 'severity'; at: Date }
  | { kind: 'unassigned'; at: Date }
  | { kind: 'inactivity'; at: Date }
  | { kind: 'promise-warning'; at: Date; promiseId: string }
  | { kind: 'promise-breach'; at: Date; promiseId: string }
  | { kind: 'handoff-expiry'; at: Date; handoffId: string }
  | { kind: 'approval-deadline'; at: Date; proposalId: string }
  | { kind: 'satisfaction-window'; at: Date };

const WATCHED = new Set(['acknowledged', 'investigating', 'awaiting_customer', 'awaiting_approval']);

export function caseTimers(state: ComplaintState, policy: Policy, calendar: BusinessCalendar): CaseTimer[] {
  if (state.status === 'resolved') {
    const due = state.resolutions[state.resolutions.length - 1]?.satisfactionDueBy;
    return due ? [{ kind: 'satisfaction-window', at: new Date(due) }] : [];
  }
  if (!WATCHED.has(state.status) || !state.deadlines) return [];
  const timers: CaseTimer[] = [];
  const escalable = canEscalate(state, policy);
  const escalatedFor = (reason: string) => state.escalations.some((e) => e.reason === reason);

  if (escalable && state.severity === 'critical' && state.escalationLevel === 0 && !escalatedFor('severity')) {
    timers.push({ kind: 'severity', at: new Date(state.acknowledgedAt ?? state.receivedAt) });
  }
  if (escalable && !ownedByPerson(state) && !escalatedFor('unassigned')) {
    const due = slaDeadline(state, state.deadlines.firstContactBy, calendar);
    if (due) timers.push({ kind: 'unassigned', at: due });
  }
  if (escalable && state.status !== 'awaiting_customer') {
    const interval = deadlineDurations(policy, state.severity, state.category).updateInterval;
    timers.push({ kind: 'inactivity', at: calendar.addWorkingTime(new Date(state.lastActionAt), interval) });
  }
  for (const promise of openPromises(state)) {
    if (promise.warnAt && !promise.warned) {
      timers.push({ kind: 'promise-warning', at: new Date(promise.warnAt), promiseId: promise.promiseId });
    }
    timers.push({ kind: 'promise-breach', at: new Date(promise.dueBy), promiseId: promise.promiseId });
  }
  for (const proposal of state.compensation) {
    if (proposal.status === 'pending_approval' && proposal.approvalDueBy && nextApprovalRung(policy, proposal.rung, proposal.amount)) {
      timers.push({ kind: 'approval-deadline', at: new Date(proposal.approvalDueBy), proposalId: proposal.proposalId });
    }
  }
  if (state.pendingHandoff) {
    timers.push({ kind: 'handoff-expiry', at: new Date(state.pendingHandoff.expiresAt), handoffId: state.pendingHandoff.handoffId });
  }
  return timers;
}

/** The earliest deadline of the case, if it watches any. */
export function nextTimer(state: ComplaintState, policy: Policy, calendar: BusinessCalendar): CaseTimer | undefined {
  return caseTimers(state, policy, calendar).reduce<CaseTimer | undefined>(
    (earliest, timer) => (!earliest || timer.at.getTime() < earliest.at.getTime() ? timer : earliest),
    undefined,
  );
}

/** What passing a deadline decides; [] when the timer no longer applies (the case moved on). */
export function decideTimer(state: ComplaintState, timer: CaseTimer, context: DecisionContext): NewEvent[] {
  const still = caseTimers(state, context.policy, context.calendar).find(
    (t) => t.kind === timer.kind && t.at.getTime() === timer.at.getTime(),
  );
  if (!still) return [];
  const system = { ...context, actor: SYSTEM_ACTOR };
  const escalate = (reason: Parameters<typeof escalation>[1], after: ComplaintState = state) => {
    const event = escalation(after, reason, system);
    return event ? [event] : [];
  };
  switch (timer.kind) {
    case 'severity':
    case 'unassigned':
    case 'inactivity':
      return escalate(timer.kind);
    case 'promise-warning': {
      const promise = state.promises.find((p) => p.promiseId === timer.promiseId)!;
      return [
        { ...envelope(system), type: 'PromiseWarning', data: { promiseId: promise.promiseId, dueBy: promise.dueBy } },
        ...escalate('promise-warning'),
      ];
    }
    case 'promise-breach': {
      const promise = state.promises.find((p) => p.promiseId === timer.promiseId)!;
      return [
        { ...envelope(system), type: 'PromiseBroken', data: { promiseId: promise.promiseId, dueBy: promise.dueBy, reason: 'due' } },
        ...escalate('promise-breached'),
      ];
    }
    case 'approval-deadline':
      return decideApprovalDeadline(state, timer.proposalId, system);
    case 'satisfaction-window':
      return decideSatisfactionWindow(state, system);
    case 'handoff-expiry': {
      const handoff = state.pendingHandoff!;
      return [
        {
          ...envelope(system),
          type: 'HandoffExpired',
          data: { handoffId: handoff.handoffId, to: handoff.to, returnedTo: state.owner },
        },
        ...escalate('handoff-expired'),
      ];
    }
  }
}
