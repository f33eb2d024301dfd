/** How much the outbox holds undelivered, and since when, per kind of message and in all (for /health and /metrics). */
import type { EntityManager } from 'typeorm';

export interface OutboxBacklog {
  pending: number;
  oldestPendingAgeMs: number | null;
}

export type OutboxBacklogByKind = Map<string, OutboxBacklog>;

export async function outboxBacklogByKind(db: EntityManager): Promise<OutboxBacklogByKind> {
  const rows: { kind: string; pending: string; oldest: Date; now: Date }[] = await db.query(
    'SELECT kind, count(*) AS pending, min(created_at) AS oldest, now() AS now FROM outbox WHERE processed_at IS NULL GROUP BY kind',
  );
  return new Map(
    rows.map((row) => [row.kind, { pending: Number(row.pending), oldestPendingAgeMs: Math.max(0, row.now.getTime() - row.oldest.getTime()) }]),
  );
}

export async function outboxBacklog(db: EntityManager): Promise<OutboxBacklog> {
  let pending = 0;
  let oldestPendingAgeMs: number | null = null;
  for (const kind of (await outboxBacklogByKind(db)).values()) {
    pending += kind.pending;
    oldestPendingAgeMs = Math.max(oldestPendingAgeMs ?? 0, kind.oldestPendingAgeMs ?? 0);
  }
  return { pending, oldestPendingAgeMs };
}
