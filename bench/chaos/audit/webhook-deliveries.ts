/**
 * Every webhook reached the intake system at least once, and what came twice came under
 * the same `webhook-id`. From the store: each webhook the outbox holds (one per
 * notification) and the deliveries its case recorded (NotificationSent); from the
 * receiver's log: every request, its signature, its body and what it was answered.
 * - delivered: each outbox webhook was answered 2xx by the receiver at least once, and its
 *   case recorded it sent; none is still pending or was abandoned;
 * - duplicates only under the same webhook-id: one notification's content never arrived
 *   under two ids, one id never carried two bodies, and the body's `id` is the header's;
 * - every request the receiver got was signed with the engine's secret and is a webhook the
 *   store knows.
 */
import type { DataSource } from 'typeorm';
import { SEND_WEBHOOK } from '../../../libs/event-store/src';
import type { ReceivedWebhook } from '../webhook-receiver';
import { examples, n, type AuditLine } from './audit-line';

export interface StoredWebhooks {
  /** one per outbox webhook row */
  outbox: { notificationId: string; processed: boolean }[];
  /** notification ids with a NotificationSent event */
  sent: string[];
  /** notification ids given up (NotificationFailed, final) */
  abandoned: string[];
}

export async function storedWebhooks(db: DataSource): Promise<StoredWebhooks> {
  const [outbox, sent, abandoned] = await Promise.all([
    db.query(`SELECT payload->>'notificationId' AS "notificationId", processed_at IS NOT NULL AS processed FROM outbox WHERE kind = $1`, [SEND_WEBHOOK]),
    db.query(`SELECT DISTINCT data->>'notificationId' AS id FROM events WHERE type = 'NotificationSent'`),
    db.query(`SELECT DISTINCT data->>'notificationId' AS id FROM events WHERE type = 'NotificationFailed' AND (data->>'final')::boolean`),
  ]);
  return { outbox, sent: sent.map((r: { id: string }) => r.id), abandoned: abandoned.map((r: { id: string }) => r.id) };
}

const is2xx = (status: number | null) => status !== null && status >= 200 && status < 300;

export function webhookLines(store: StoredWebhooks, received: readonly ReceivedWebhook[]): AuditLine[] {
  const answered2xx = new Map<string, number>();
  for (const r of received) if (is2xx(r.answered)) answered2xx.set(r.webhookId, (answered2xx.get(r.webhookId) ?? 0) + 1);
  const sent = new Set(store.sent);
  const abandoned = new Set(store.abandoned);
  const undelivered = store.outbox.filter((w) => !answered2xx.has(w.notificationId) || !sent.has(w.notificationId) || !w.processed || abandoned.has(w.notificationId));

  const idsByContent = new Map<string, Set<string>>();
  const bodiesById = new Map<string, Set<string>>();
  for (const r of received) {
    idsByContent.set(r.contentDigest, (idsByContent.get(r.contentDigest) ?? new Set()).add(r.webhookId));
    bodiesById.set(r.webhookId, (bodiesById.get(r.webhookId) ?? new Set()).add(r.bodyDigest));
  }
  const underTwoIds = [...idsByContent.values()].filter((ids) => ids.size > 1).map((ids) => `one notification under ids ${[...ids].join(', ')}`);
  const twoBodies = [...bodiesById].filter(([, bodies]) => bodies.size > 1).map(([id]) => `webhook-id ${id} carried ${bodiesById.get(id)?.size} bodies`);
  const idMismatch = received.filter((r) => r.notificationId !== r.webhookId).map((r) => `webhook-id ${r.webhookId} with body id ${r.notificationId ?? 'none'}`);
  const duplicates = [...answered2xx.values()].filter((count) => count > 1).length;

  const known = new Set(store.outbox.map((w) => w.notificationId));
  const unsigned = received.filter((r) => !r.signatureValid).map((r) => `bad signature on ${r.webhookId}`);
  const unknown = received.filter((r) => !known.has(r.webhookId)).map((r) => `unknown webhook-id ${r.webhookId}`);

  const attempts = new Map<string, number>();
  for (const r of received) attempts.set(r.mode, (attempts.get(r.mode) ?? 0) + 1);
  return [
    {
      check: 'every webhook delivered at least once (receiver answered 2xx, NotificationSent recorded)',
      count: `${n(store.outbox.length - undelivered.length)}/${n(store.outbox.length)} delivered; ${n(received.length)} requests received (${[...attempts].map(([mode, count]) => `${n(count)} while ${mode}`).join(', ')})`,
      pass: undelivered.length === 0,
      detail: examples(
        undelivered.map(
          (w) =>
            `${w.notificationId}: ${!answered2xx.has(w.notificationId) ? 'never answered 2xx' : !sent.has(w.notificationId) ? 'no NotificationSent' : abandoned.has(w.notificationId) ? 'abandoned' : 'still pending'}`,
        ),
      ),
    },
    {
      check: 'duplicates only under the same webhook-id',
      count: `${n(duplicates)} webhooks delivered more than once, ${n(underTwoIds.length + twoBodies.length + idMismatch.length)} under another id or body`,
      pass: underTwoIds.length + twoBodies.length + idMismatch.length === 0,
      detail: examples([...underTwoIds, ...twoBodies, ...idMismatch]),
    },
    {
      check: 'every webhook received signed by the engine and known to the store',
      count: `${n(received.length)} requests, ${n(unsigned.length)} badly signed, ${n(unknown.length)} unknown`,
      pass: unsigned.length === 0 && unknown.length === 0,
      detail: examples([...unsigned, ...unknown]),
    },
  ];
}
