/**
 * The transactional outbox: messages written in the same transaction as the events that
 * caused them, and delivered afterwards by a relay (at least once; consumers are
 * idempotent). Rows are claimed with FOR UPDATE SKIP LOCKED so several relays can share
 * the work; an insert NOTIFYs channel `outbox` on commit so relays wake at once.
 */
import type { EntityManager } from 'typeorm';

export const OUTBOX_CHANNEL = 'outbox';

export interface OutboxMessage<P = unknown> {
  id: string;
  kind: string;
  /** who delivers it: a relay claims only its own topic (e.g. its Temporal task queue) */
  topic: string;
  streamId: string;
  payload: P;
  attempts: number;
  createdAt: string;
}

/** Claim up to `limit` due messages of `topic`; they stay locked until the transaction ends. */
export async function claimOutbox(tx: EntityManager, topic: string, limit: number): Promise<OutboxMessage[]> {
  const rows: { id: string; kind: string; stream_id: string; payload: unknown; attempts: number; created_at: Date }[] =
    await tx.query(
      `SELECT id, kind, stream_id, payload, attempts, created_at FROM outbox
        WHERE processed_at IS NULL AND topic = $1 AND available_at <= now()
        ORDER BY available_at, id
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [topic, limit],
    );
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    topic,
    streamId: r.stream_id,
    payload: r.payload,
    attempts: r.attempts,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function markOutboxDone(tx: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('UPDATE outbox SET processed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])', [ids]);
}

export async function markOutboxFailed(tx: EntityManager, id: string, error: string, retryInMs: number): Promise<void> {
  await tx.query(
    `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
            available_at = now() + ($3::double precision * interval '1 millisecond')
      WHERE id = $1`,
    [id, error.slice(0, 2000), retryInMs],
  );
}

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
