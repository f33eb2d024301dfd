/**
 * The approvals inbox, from the compensation read model: the pending proposals this
 * principal may decide (the domain's approvalEligibility under the case's policy), oldest
 * first, each with the viewer's limit in its currency, the case's summary, category and
 * severity, and the customer's compensation history over the last 12 months. Asked to
 * include the undecidable ones, it lists every pending proposal, each saying why not.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { approvalEligibility, approvalLimit } from '../../../../libs/domain/src';
import { readPolicies } from '../../../../libs/event-store/src';
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
  summary: string;
  category: string;
  severity: string;
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

  async inbox(principal: Principal, options: { includeUndecidable: boolean }) {
    const pending: ProposalRow[] = await this.db.query(
      `SELECT p.*, c.reference, c.state->>'policyVersion' AS policy_version,
              c.state->>'summary' AS summary, c.category, c.severity
         FROM compensation_proposals p JOIN complaint_cases c ON c.id = p.complaint_id
        WHERE p.status = 'pending_approval' ${options.includeUndecidable ? '' : 'AND p.proposed_by <> $1'}
        ORDER BY p.proposed_at, p.proposal_id
        LIMIT ${INBOX_SCAN}`,
      options.includeUndecidable ? [] : [principal.id],
    );
    const policies = await readPolicies(this.db.manager, pending.map((p) => p.policy_version));
    const mine = pending.flatMap((row) => {
      const policy = policies.get(row.policy_version);
      if (!policy) return [];
      const currency = row.currency.trim();
      const eligibility = approvalEligibility(policy, { principal: principal.id, role: principal.role }, {
        proposedBy: row.proposed_by,
        amount: { minor: Number(row.amount_minor), currency },
        rung: row.rung,
        requiredRole: row.required_role,
      });
      if (!eligibility.decidable && !options.includeUndecidable) return [];
      // not on the ladder, or the currency not listed for the role: it may approve nothing in it
      const limit = approvalLimit(policy, principal.role, currency);
      return [{ row, eligibility, viewerLimit: { minor: limit === undefined ? 0 : limit, currency } }];
    });
    const customers = [...new Set(mine.map(({ row }) => row.customer_id))];
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
      items: mine.map(({ row, eligibility, viewerLimit }) => ({
        ...view(row),
        requiredRole: row.required_role,
        approvalDueBy: row.approval_due_by?.toISOString() ?? null,
        summary: row.summary,
        category: row.category,
        severity: row.severity,
        viewerLimit,
        decidable: eligibility.decidable,
        notDecidableBecause: eligibility.decidable ? null : eligibility.because,
        notDecidableDetail: eligibility.decidable ? null : eligibility.message,
        customerId: row.customer_id,
        customerHistory: history
          .filter((h) => h.customer_id === row.customer_id && h.proposal_id !== row.proposal_id)
          .map(view),
      })),
    };
  }
}
