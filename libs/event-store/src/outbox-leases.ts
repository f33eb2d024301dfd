/**
 * The transactional outbox, as relays take from it: messages are written in the same
 * transaction as the events that caused them (an insert NOTIFYs channel `outbox` on commit,
 * so relays wake at once) and delivered afterwards, at least once; consumers are
 * idempotent. A relay claims due rows with a lease in one short statement (FOR UPDATE SKIP
 * LOCKED only while it marks them, so several relays share a topic without waiting on each
 * other), counting the attempt as it claims, delivers them with no transaction open, then records each outcome only where the
 * lease is still its own. A row whose lease ran out is due again for any relay: a crashed
 * relay's rows are delivered again (under the same message, so the same webhook-id), never
 * lost; the outcome of a relay that lost its lease is the new holder's to record.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export const OUTBOX_CHANNEL = 'outbox';

export interface OutboxMessage<P = unknown> {
  id: string;
  kind: string;
  /** who delivers it: a relay claims only its own topic (e.g. its Temporal task queue) */
  topic: string;
  streamId: string;
  payload: P;
  /**
   * Which attempt this delivery is: counted when a relay claims the row, so every delivery
   * has its own number, even one whose relay crashed before recording how it went (its
   * successor's attempt is the next number, not the same one again).
   */
  attempts: number;
  createdAt: string;
}

/** The rows one claim took: theirs to deliver until the lease runs out. */
export interface OutboxClaim {
  token: string;
  leaseMs: number;
  messages: OutboxMessage[];
}

/** How one delivery ended: done, or failed and due again after `retryInMs` (counted from the claim). */
export type OutboxOutcome = { id: string; done: true } | { id: string; done: false; error: string; retryInMs: number };

/** Lease up to `limit` due messages of `topic` for `leaseMs`, oldest due first. */
export async function claimOutbox(db: EntityManager, topic: string, limit: number, leaseMs: number): Promise<OutboxClaim> {
  const token = randomUUID();
  const rows: { id: string; kind: string; stream_id: string; payload: unknown; attempts: number; created_at: Date }[] =
    await db.query(
      `WITH due AS (
         SELECT id FROM outbox
          WHERE processed_at IS NULL AND topic = $1 AND available_at <= now()
            AND (leased_until IS NULL OR leased_until <= now())
          ORDER BY available_at, id
          LIMIT $2
          FOR UPDATE SKIP LOCKED),
       leased AS (
         UPDATE outbox o SET lease_token = $3, leased_until = now() + $4::double precision * interval '1 millisecond',
                attempts = o.attempts + 1
           FROM due WHERE o.id = due.id
         RETURNING o.id, o.kind, o.stream_id, o.payload, o.attempts, o.created_at)
       SELECT * FROM leased ORDER BY id`,
      [topic, limit, token, leaseMs],
    );
  const messages = rows.map((r) => ({
    id: String(r.id),
    kind: r.kind,
    topic,
    streamId: r.stream_id,
    payload: r.payload,
    attempts: r.attempts,
    createdAt: r.created_at.toISOString(),
  }));
  return { token, leaseMs, messages };
}

/**
 * Record the outcomes of a claim's deliveries and release their lease, only for rows whose
 * lease is still this claim's; answers the ids recorded. A failed row's next attempt is due
 * `retryInMs` after the claim (the attempt's start), as the backoff promises.
 */
export async function recordOutboxOutcomes(db: EntityManager, claim: OutboxClaim, outcomes: readonly OutboxOutcome[]): Promise<Set<string>> {
  if (outcomes.length === 0) return new Set();
  const rows: { id: string }[] = await db.query(
    `WITH recorded AS (
       UPDATE outbox o SET
              processed_at = CASE WHEN r.done THEN now() END,
              last_error = CASE WHEN r.done THEN o.last_error ELSE left(r.error, 2000) END,
              available_at = CASE WHEN r.done THEN o.available_at
                                  ELSE o.leased_until - $2::double precision * interval '1 millisecond'
                                       + r.retry_ms * interval '1 millisecond' END,
              lease_token = NULL, leased_until = NULL
         FROM unnest($3::bigint[], $4::boolean[], $5::text[], $6::double precision[]) AS r(id, done, error, retry_ms)
        WHERE o.id = r.id AND o.lease_token = $1
        RETURNING o.id)
     SELECT id FROM recorded`,
    [
      claim.token,
      claim.leaseMs,
      outcomes.map((o) => o.id),
      outcomes.map((o) => o.done),
      outcomes.map((o) => (o.done ? null : o.error)),
      outcomes.map((o) => (o.done ? 0 : o.retryInMs)),
    ],
  );
  return new Set(rows.map((r) => String(r.id)));
}
