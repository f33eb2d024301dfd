/**
 * Figures of the cases as the store holds them, for operators (/metrics) and the dashboard:
 * what is open now by status (the projection), and what the events record of promises
 * broken and escalations (counted from the events, so every API process reports the same
 * figure and an auditor can recount it).
 */
import type { EntityManager } from 'typeorm';

export async function openCasesByStatus(db: EntityManager): Promise<{ status: string; count: number }[]> {
  return db.query(`SELECT status, count(*)::int AS count FROM complaint_cases WHERE status <> 'closed' GROUP BY status ORDER BY status`);
}

export async function promisesBroken(db: EntityManager): Promise<number> {
  const [row]: { count: number }[] = await db.query(`SELECT count(*)::int AS count FROM events WHERE type = 'PromiseBroken'`);
  return row.count;
}

export async function escalationsByReason(db: EntityManager): Promise<{ reason: string; count: number }[]> {
  return db.query(`SELECT data->>'reason' AS reason, count(*)::int AS count FROM events WHERE type = 'Escalated' GROUP BY 1 ORDER BY 1`);
}
