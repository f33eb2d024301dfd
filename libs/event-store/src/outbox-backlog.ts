/** How much the outbox holds undelivered, and since when (for /health). */
import type { EntityManager } from 'typeorm';

export interface OutboxBacklog {
  pending: number;
  oldestPendingAgeMs: number | null;
}

export async function outboxBacklog(db: EntityManager): Promise<OutboxBacklog> {
  const [row]: { pending: string; oldest: Date | null; now: Date }[] = await db.query(
    'SELECT count(*) AS pending, min(created_at) AS oldest, now() AS now FROM outbox WHERE processed_at IS NULL',
  );
  return {
    pending: Number(row.pending),
    oldestPendingAgeMs: row.oldest ? Math.max(0, row.now.getTime() - row.oldest.getTime()) : null,
  };
}
