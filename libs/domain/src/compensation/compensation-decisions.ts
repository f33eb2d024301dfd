/**
 * Compensation proposals and their decisions. Up to the first rung's limit a proposal is
 * approved at once and recorded so; above it, it waits for the lowest role whose limit
 * covers it, until the policy's approval deadline moves it one rung up. Four eyes: the
 * proposer never decides their own proposal, whatever their role. A proposal is decided
 * at most once.
 */
import type { CaseCompensation, ComplaintState } from '../case/complaint-state';
import {
  COMPENSATION_TYPES,
  type ApprovalEscalated,
  type CompensationApproved,
  type CompensationProposed,
  type CompensationRejected,
  type CompensationType,
  type NewEvent,
} from '../events/complaint-events';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { requireOpen, requireText } from '../commands/case-guards';
import { envelope, type DecisionContext } from '../commands/decision-context';
import { approvalEligibility } from './approval-eligibility';
import { nextApprovalRung, requiredRole } from './authority';
import { parseMoney, validateInstalments, type InstalmentPlan } from './money';

export interface ProposeCompensation {
  type: CompensationType;
  amount: { minor: number; currency: string };
  rationale: string;
  instalments?: InstalmentPlan | null;
}

export interface DecideCompensation {
  proposalId: string;
  decision: 'approve' | 'reject';
  reason: string;
}

export function decideProposeCompensation(state: ComplaintState, command: ProposeCompensation, context: DecisionContext): NewEvent[] {
  requireOpen(state);
  if (state.status === 'resolved') throw new ComplaintRuleError('conflict', 'the final response has been sent; reopen the case first');
  if (!(COMPENSATION_TYPES as readonly string[]).includes(command.type)) {
    throw new ComplaintRuleError('invalid-command', 'unknown compensation type', [{ path: 'type', message: `must be one of ${COMPENSATION_TYPES.join(', ')}` }]);
  }
  const amount = parseMoney(command.amount);
  const rationale = requireText(command.rationale, 'rationale', 5_000);
  let instalments: InstalmentPlan | null = null;
  if (command.type === 'instalment_plan') {
    if (!command.instalments) throw new ComplaintRuleError('invalid-command', 'an instalment plan needs its schedule', [{ path: 'instalments', message: 'required for instalment_plan' }]);
    validateInstalments(amount, command.instalments);
    instalments = command.instalments;
  } else if (command.instalments) {
    throw new ComplaintRuleError('invalid-command', 'only an instalment plan has instalments', [{ path: 'instalments', message: 'only for instalment_plan' }]);
  }
  const rung = requiredRole(context.policy, amount);
  const atOnce = rung.rung === 0;
  const proposalId = context.newId();
  const proposed: NewEvent<CompensationProposed> = {
    ...envelope(context),
    type: 'CompensationProposed',
    data: {
      proposalId,
      compensationType: command.type,
      amount,
      rationale,
      instalments,
      goodwill: command.type === 'goodwill',
      status: atOnce ? 'approved' : 'pending_approval',
      requiredRole: rung.role,
      rung: rung.rung,
      approvalDueBy: atOnce ? null : context.calendar.addWorkingTime(context.now, context.policy.approvalDeadline).toISOString(),
    },
  };
  if (!atOnce) return [proposed];
  const approved: NewEvent<CompensationApproved> = {
    ...envelope(context),
    type: 'CompensationApproved',
    data: { proposalId, by: context.actor.principal, role: context.actor.role, reason: `within the ${rung.role} limit`, automatic: true },
  };
  return [proposed, approved];
}

function proposalOf(state: ComplaintState, proposalId: string): CaseCompensation {
  const proposal = state.compensation.find((p) => p.proposalId === proposalId);
  if (!proposal) throw new ComplaintRuleError('not-found', `no compensation proposal ${proposalId} on case ${state.reference}`);
  return proposal;
}

export function decideCompensationDecision(
  state: ComplaintState,
  command: DecideCompensation,
  context: DecisionContext,
): [NewEvent<CompensationApproved>] | [NewEvent<CompensationRejected>] {
  requireOpen(state);
  const proposal = proposalOf(state, command.proposalId);
  if (proposal.status !== 'pending_approval') {
    throw new ComplaintRuleError('conflict', `proposal ${proposal.proposalId} was already ${proposal.status} by ${proposal.decidedBy}`);
  }
  const { principal, role } = context.actor;
  const eligibility = approvalEligibility(context.policy, context.actor, proposal);
  if (!eligibility.decidable) throw new ComplaintRuleError('not-permitted', eligibility.message);
  const reason = requireText(command.reason, 'reason', 2_000);
  const data = { proposalId: proposal.proposalId, by: principal, role, reason };
  return command.decision === 'approve'
    ? [{ ...envelope(context), type: 'CompensationApproved', data: { ...data, automatic: false } }]
    : [{ ...envelope(context), type: 'CompensationRejected', data }];
}

/** The approval deadline passed: one rung up (none above: it stays where it is). */
export function decideApprovalDeadline(state: ComplaintState, proposalId: string, context: DecisionContext): NewEvent<ApprovalEscalated>[] {
  const proposal = proposalOf(state, proposalId);
  if (proposal.status !== 'pending_approval') return [];
  const next = nextApprovalRung(context.policy, proposal.rung, proposal.amount);
  if (!next) return [];
  return [
    {
      ...envelope(context),
      type: 'ApprovalEscalated',
      data: {
        proposalId,
        fromRole: proposal.requiredRole,
        toRole: next.role,
        rung: next.rung,
        approvalDueBy: context.calendar.addWorkingTime(context.now, context.policy.approvalDeadline).toISOString(),
      },
    },
  ];
}
