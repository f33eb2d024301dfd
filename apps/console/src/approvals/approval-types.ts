/**
 * The approvals inbox as `GET /v1/approvals?include=undecidable` answers it, typed from the
 * API's own service (type-only import: nothing of the server reaches the bundle).
 */
import type { ApprovalsService } from '../../../api/src/approvals/approvals.service';

export type ApprovalInbox = Awaited<ReturnType<ApprovalsService['inbox']>>;
/** One pending proposal with its case, the viewer's limit, whether the viewer may decide it and the customer's history. */
export type ApprovalItem = ApprovalInbox['items'][number];
/** One proposal of the customer's last 12 months. */
export type ProposalSummary = ApprovalItem['customerHistory'][number];

/** The TanStack Query key of the inbox. */
export const approvalsQueryKey = ['approvals'] as const;
