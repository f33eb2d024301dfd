/** The Audit view (`/console/audit`, `/console/audit/<id>`). */
export { AuditPage as Audit } from '../audit/audit-page';
