/**
 * The approvals inbox as `GET /v1/approvals?include=undecidable` answers it. The API builds
 * these items in a query (no exported type), so their shape is written down here.
 */
import type { Money } from '../i18n/format';

/** One compensation proposal as the inbox and the customer's history show it. */
export interface ProposalSummary {
  proposalId: string;
  complaintId: string;
  reference: string;
  type: string;
  amount: Money;
  goodwill: boolean;
  status: string;
  proposedBy: string;
  proposedAt: string;
}

export interface ApprovalItem extends ProposalSummary {
  requiredRole: string;
  approvalDueBy: string | null;
  customerId: string;
  /** the customer's other proposals over the last 12 months, oldest first */
  customerHistory: ProposalSummary[];
  /** the case the proposal belongs to */
  summary?: string;
  category?: string;
  severity?: string;
  /** whether this viewer may decide it; when not, why (a code and a sentence) */
  decidable?: boolean;
  notDecidableBecause?: string | null;
  notDecidableDetail?: string | null;
  /** the viewer's approval limit in the proposal's currency; null minor: no limit */
  viewerLimit?: { minor: number | null; currency: string } | null;
}

export interface ApprovalInbox {
  items: ApprovalItem[];
}

/** The TanStack Query key of the inbox. */
export const approvalsQueryKey = ['approvals'] as const;
