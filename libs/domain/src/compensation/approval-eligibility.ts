/**
 * Who may decide a pending compensation proposal: the one rule behind both the decision
 * command (compensation-decisions.ts) and the approvals inbox. In order:
 *   - four eyes: never the proposer, whatever their role (`own-proposal`);
 *   - the role's own limit in the proposal's currency must cover the amount
 *     (`above-authority`, also for a role not on the ladder or without that currency);
 *   - the role's rung must be at or above the rung the approval waits at, which moves up
 *     when the approval deadline passes (`below-rung`).
 */
import type { Policy } from '../policy/policy-schema';
import { canApprove, describeLimit } from './authority';
import type { Money } from './money';

export const NOT_DECIDABLE_REASONS = ['own-proposal', 'above-authority', 'below-rung'] as const;
export type NotDecidableReason = (typeof NOT_DECIDABLE_REASONS)[number];

export type ApprovalEligibility = { decidable: true } | { decidable: false; because: NotDecidableReason; message: string };

/** What the rule needs to know of a pending proposal. */
export interface PendingProposal {
  proposedBy: string;
  amount: Money;
  /** the rung the approval waits at (0 = first rung of `policy.approvals`) */
  rung: number;
  requiredRole: string;
}

export function approvalEligibility(
  policy: Pick<Policy, 'approvals'>,
  actor: { principal: string; role: string },
  proposal: PendingProposal,
): ApprovalEligibility {
  if (proposal.proposedBy === actor.principal) {
    return { decidable: false, because: 'own-proposal', message: 'four eyes: the proposer cannot decide their own proposal' };
  }
  if (!canApprove(policy, actor.role, proposal.amount)) {
    return {
      decidable: false,
      because: 'above-authority',
      message: `above your authority: ${describeLimit(policy, actor.role, proposal.amount.currency)}`,
    };
  }
  const actorRung = policy.approvals.findIndex((rung) => rung.role === actor.role);
  if (actorRung < proposal.rung) {
    return { decidable: false, because: 'below-rung', message: `the approval has moved up to ${proposal.requiredRole}` };
  }
  return { decidable: true };
}
