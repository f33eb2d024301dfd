/** The Approvals view (`/console/approvals`). */
export { ApprovalsInbox as Approvals } from '../approvals/approvals-inbox';
