/** The log of auditors' reads (who, what, when): append-only by trigger and by grants. */
import type { EntityManager } from 'typeorm';

export interface AccessLogEntry {
  principal: string;
  role: string;
  method: string;
  /** the route pattern, e.g. /v1/complaints/:id/events */
  route: string;
  /** the path as requested, with its query */
  path: string;
  complaintId: string | null;
}

export async function recordAccess(db: EntityManager, entry: AccessLogEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_access_log (principal, role, method, route, path, complaint_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [entry.principal, entry.role, entry.method, entry.route, entry.path.slice(0, 2000), entry.complaintId],
  );
}
