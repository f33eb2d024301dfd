/** The console's views: where they live, their navigation label, and the API operation a role needs to see one. */
import type { MessageId } from '../i18n/messages-en';
import type { Operation } from '../session/permissions';

export interface View {
  path: string;
  label: MessageId;
  needs: Operation;
}

export const VIEWS: View[] = [
  { path: '/cases', label: 'nav.cases', needs: 'GET /v1/complaints' },
  { path: '/approvals', label: 'nav.approvals', needs: 'GET /v1/approvals' },
  { path: '/audit', label: 'nav.audit', needs: 'GET /v1/complaints/{id}/verification' },
  { path: '/dashboard', label: 'nav.dashboard', needs: 'GET /v1/dashboard' },
];
