/**
 * The approvals inbox, from the compensation read model: the pending proposals this
 * principal may decide (not their own; within their role's authority under the case's
 * policy; at or above the rung the approval waits at), oldest first, each with the
 * customer's compensation history over the last 12 months.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canApprove } from '../../../../libs/domain/src/compensation/authority';
import { readPolicies } from '../../../../libs/event-store/src/policy-registry';
import type { Principal } from '../auth/principal';

interface ProposalRow {
  proposal_id: string;
  complaint_id: string;
  reference: string;
  policy_version: string;
  customer_id: string;
  type: string;
  amount_minor: string;
  currency: string;
  goodwill: boolean;
  status: string;
  proposed_by: string;
  proposed_at: Date;
  required_role: string;
  rung: number;
  approval_due_by: Date | null;
}

const INBOX_SCAN = 1_000;

function view(row: ProposalRow) {
  return {
    proposalId: row.proposal_id,
    complaintId: row.complaint_id,
    reference: row.reference,
    type: row.type,
    amount: { minor: Number(row.amount_minor), currency: row.currency.trim() },
    goodwill: row.goodwill,
    status: row.status,
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at.toISOString(),
  };
}

@Injectable()
export class ApprovalsService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async inbox(principal: Principal) {
    const pending: ProposalRow[] = await this.db.query(
      `SELECT p.*, c.reference, c.state->>'policyVersion' AS policy_version
         FROM compensation_proposals p JOIN complaint_cases c ON c.id = p.complaint_id
        WHERE p.status = 'pending_approval' AND p.proposed_by <> $1
        ORDER BY p.proposed_at, p.proposal_id
        LIMIT ${INBOX_SCAN}`,
      [principal.id],
    );
    const policies = await readPolicies(this.db.manager, pending.map((p) => p.policy_version));
    const mine = pending.filter((row) => {
      const policy = policies.get(row.policy_version);
      if (!policy) return false;
      const rank = policy.approvals.findIndex((r) => r.role === principal.role);
      return rank >= row.rung && canApprove(policy, principal.role, { minor: Number(row.amount_minor), currency: row.currency.trim() });
    });
    const customers = [...new Set(mine.map((row) => row.customer_id))];
    const history: (ProposalRow & { decided_at: Date | null })[] = customers.length
      ? await this.db.query(
          `SELECT p.*, c.reference, c.state->>'policyVersion' AS policy_version
             FROM compensation_proposals p JOIN complaint_cases c ON c.id = p.complaint_id
            WHERE p.customer_id = ANY($1::text[]) AND p.proposed_at > now() - interval '12 months'
            ORDER BY p.proposed_at`,
          [customers],
        )
      : [];
    return {
      items: mine.map((row) => ({
        ...view(row),
        requiredRole: row.required_role,
        approvalDueBy: row.approval_due_by?.toISOString() ?? null,
        customerId: row.customer_id,
        customerHistory: history
          .filter((h) => h.customer_id === row.customer_id && h.proposal_id !== row.proposal_id)
          .map(view),
      })),
    };
  }
}
