/**
 * The worker's delivery path of webhooks on the real stack (outbox on PostgreSQL, the case
 * workflow on Temporal): the retry schedule of a failing callback as the outbox table
 * records it, the cap of 12 attempts, the abandonment recorded on the case, and the one
 * escalation at the policy's threshold (the shipped policy's default, 5 failed attempts),
 * never on a closed case. Nothing waits out a backoff: the test reads each next attempt's
 * due time from the outbox row, then makes it due at once and wakes the relay.
 */
import { randomUUID } from 'node:crypto';
import { OUTBOX_CHANNEL, WEBHOOK_TOPIC } from '../../libs/event-store/src';
import { call, complaintBody, eventually, fileComplaint } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver';

/** README: retried with exponential backoff, 1 s doubling to 5 min, 12 attempts. Seconds after failed attempt 1, 2, … 11. */
const DOCUMENTED_RETRY_DELAYS_S = [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300];
const MAX_ATTEMPTS = 12;

/** An instant in PostgreSQL as integer microseconds since the epoch (exact: no rounding to JS milliseconds). */
const micros = (expression: string) => `(extract(epoch FROM ${expression}) * 1000000)::bigint`;

interface Request {
  notificationId: string;
  path: string;
  /** the webhook's outbox row as committed when the request arrived (its attempt counted by the claim, its outcome not recorded yet) */
  row: { attempts: number; dueUs: number; arrivedUs: number };
}

let system: TestSystem;
let receiver: HttpReceiver | undefined;
let base: string;
const requests: Request[] = [];

beforeAll(async () => {
  system = await startTestSystem({ taskQueue: `webhook-delivery-${randomUUID()}` });
  receiver = await startHttpReceiver((request, response) => {
    request.resume();
    request.on('end', () => {
      const notificationId = String(request.headers['webhook-id']);
      void system.db
        .query(
          `SELECT attempts, ${micros('available_at')} AS due_us, ${micros('clock_timestamp()')} AS arrived_us
             FROM outbox WHERE topic = $1 AND payload->>'notificationId' = $2`,
          [WEBHOOK_TOPIC, notificationId],
        )
        .then(([row]: { attempts: number; due_us: string; arrived_us: string }[]) => {
          requests.push({
            notificationId,
            path: request.url ?? '/',
            row: { attempts: row.attempts, dueUs: Number(row.due_us), arrivedUs: Number(row.arrived_us) },
          });
          response.writeHead(request.url?.startsWith('/down/') ? 500 : 204).end();
        });
    });
  });
  base = receiver.base;
});

afterAll(async () => {
  await system?.close();
  await receiver?.close();
});

async function events(id: string) {
  const reply = await call(system.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' });
  return reply.body as { id: string; position: number; type: string; data: Record<string, any> }[];
}

/** A case whose callback always answers 500, and the id of its acknowledgment webhook. */
async function caseWithFailingCallback(): Promise<{ id: string; acknowledgment: string }> {
  const { status, body } = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `${base}/down/${randomUUID()}` }));
  expect(status).toBe(201);
  const acknowledged = (await events(body.id)).find((e) => e.type === 'ComplaintAcknowledged')!;
  return { id: body.id, acknowledgment: acknowledged.id };
}

async function rowOf(notificationId: string) {
  const [row]: { id: string; attempts: number; done: boolean; released: boolean; due_us: string; last_error: string | null }[] = await system.db.query(
    `SELECT id, attempts, processed_at IS NOT NULL AS done, lease_token IS NULL AS released, ${micros('available_at')} AS due_us, last_error
       FROM outbox WHERE topic = $1 AND payload->>'notificationId' = $2`,
    [WEBHOOK_TOPIC, notificationId],
  );
  return row;
}

function rowAfter(notificationId: string, attempts: number) {
  return eventually(async () => {
    const row = await rowOf(notificationId);
    return row && row.attempts >= attempts && row.released ? row : undefined;
  }, 30_000, `attempt ${attempts} of ${notificationId} to be marked`);
}

/**
 * Make the row's next attempt due now, if it is still waiting after `attempts` attempts, and
 * wake the relays. Answers the due time the row had, or undefined when the next attempt had
 * already been claimed (then its request saw that due time).
 */
async function dueNow(notificationId: string, attempts: number): Promise<number | undefined> {
  const [moved]: { was_us: string }[] = await system.db.query(
    `WITH was AS (
       SELECT id, available_at FROM outbox
        WHERE topic = $1 AND payload->>'notificationId' = $2 AND attempts = $3 AND processed_at IS NULL
        FOR UPDATE),
     moved AS (
       UPDATE outbox o SET available_at = clock_timestamp() FROM was WHERE o.id = was.id
       RETURNING ${micros('was.available_at')} AS was_us)
     SELECT was_us FROM moved`,
    [WEBHOOK_TOPIC, notificationId, attempts],
  );
  await system.db.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
  return moved ? Number(moved.was_us) : undefined;
}

function requestOf(notificationId: string, attempt: number) {
  return eventually(async () => requests.find((r) => r.notificationId === notificationId && r.row.attempts === attempt), 30_000, `attempt ${attempt} of ${notificationId}`);
}

/** Drive a failing webhook through all its attempts without waiting out the backoff. */
async function driveToTheLastAttempt(notificationId: string): Promise<void> {
  for (let row = await rowOf(notificationId); !row.done; ) {
    const attempts = row.attempts;
    await dueNow(notificationId, attempts);
    row = await eventually(async () => {
      const now = await rowOf(notificationId);
      return (now.attempts > attempts && now.released) || now.done ? now : undefined;
    }, 30_000, `the attempt after ${attempts} of ${notificationId}`);
  }
}

it('retries a failing callback 1 s doubling to 5 min, gives up after the 12th attempt, records the abandonment and escalates once, after the 5th failure', async () => {
  const { id, acknowledgment } = await caseWithFailingCallback();

  // the delay the relay set after each failed attempt, read back from the outbox row
  const delays: { attempt: number; fromS: number; toS: number }[] = [];
  for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
    const request = await requestOf(acknowledgment, attempt);
    await rowAfter(acknowledgment, attempt);
    const due = (await dueNow(acknowledgment, attempt)) ?? (await requestOf(acknowledgment, attempt + 1)).row.dueUs;
    // the attempt's claim (whose now() the delay counts from) came after the row fell
    // due and before the request arrived
    delays.push({ attempt, fromS: (due - request.row.arrivedUs) / 1e6, toS: (due - request.row.dueUs) / 1e6 });
  }
  const final = await rowAfter(acknowledgment, MAX_ATTEMPTS);

  expect(delays.map((d, i) => ({ ...d, documentedS: DOCUMENTED_RETRY_DELAYS_S[i], within: d.fromS <= DOCUMENTED_RETRY_DELAYS_S[i] && DOCUMENTED_RETRY_DELAYS_S[i] <= d.toS }))).toMatchObject(
    DOCUMENTED_RETRY_DELAYS_S.map((documentedS, i) => ({ attempt: i + 1, documentedS, within: true })),
  );
  // the 12th attempt is the last: the row is done, and stays done even when due again
  expect(final).toMatchObject({ attempts: MAX_ATTEMPTS, done: true });
  await system.db.query(`UPDATE outbox SET available_at = clock_timestamp() WHERE id = $1`, [final.id]);
  await system.db.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
  const later = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `${base}/ok/${randomUUID()}` }));
  await eventually(async () => (await events(later.body.id)).find((e) => e.type === 'NotificationSent'), 30_000, 'a later webhook delivered by the relays');
  expect(requests.filter((r) => r.notificationId === acknowledgment).map((r) => r.row.attempts)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(await rowOf(acknowledgment)).toMatchObject({ attempts: MAX_ATTEMPTS, done: true });

  // every attempt recorded on the case, the last one final; the webhook abandoned
  const recorded = await eventually(async () => {
    const all = await events(id);
    return all.some((e) => e.type === 'NotificationFailed' && e.data.attempt === MAX_ATTEMPTS) ? all : undefined;
  }, 30_000, 'the last attempt recorded');
  const failed = recorded.filter((e) => e.type === 'NotificationFailed');
  expect(failed.map((e) => [e.data.notificationId, e.data.attempt, e.data.final, e.data.status])).toEqual(
    Array.from({ length: MAX_ATTEMPTS }, (_, i) => [acknowledgment, i + 1, i + 1 === MAX_ATTEMPTS, 500]),
  );
  const state = (await call(system.baseUrl, 'GET', `/v1/complaints/${id}`, { key: 'manager' })).body;
  expect(state.notifications).toEqual([
    { notificationId: acknowledgment, type: 'complaint.acknowledged', attempts: MAX_ATTEMPTS, delivered: false, abandoned: true, lastError: 'HTTP 500' },
  ]);

  // one escalation, recorded right after the 5th failure (the policy's default threshold)
  const escalations = recorded.filter((e) => e.type === 'Escalated');
  expect(escalations.map((e) => [e.data.reason, e.data.toLevel])).toEqual([['notification-failure', 1]]);
  const fifth = failed.find((e) => e.data.attempt === 5)!;
  expect(escalations[0].position).toBe(fifth.position + 1);
  expect(state.escalationLevel).toBe(1);
});

it('never escalates a closed case for its failing callback, and its workflow finishes once its webhooks are abandoned', async () => {
  const { id, acknowledgment } = await caseWithFailingCallback();
  // hold the acknowledgment's retries until the case is closed
  await system.db.query(
    `UPDATE outbox SET available_at = clock_timestamp() + interval '1 hour' WHERE topic = $1 AND payload->>'notificationId' = $2`,
    [WEBHOOK_TOPIC, acknowledgment],
  );
  const withdrawn = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/withdrawal`, { key: 'intake', body: { reason: 'sorted out by phone' } });
  expect(withdrawn.status).toBe(200);
  const closure = withdrawn.body.events.find((e: { type: string }) => e.type === 'ComplaintClosed').id as string;
  const workflow = system.temporal.workflow.getHandle(`complaint-${id}`);

  await driveToTheLastAttempt(acknowledgment);
  // closed, but the closure's own webhook is still being retried: the workflow waits for it
  await eventually(async () => {
    const all = await events(id);
    return all.some((e) => e.type === 'NotificationFailed' && e.data.notificationId === acknowledgment && e.data.final) ? all : undefined;
  }, 30_000, 'the acknowledgment abandoned');
  expect((await workflow.describe()).status.name).toBe('RUNNING');
  await driveToTheLastAttempt(closure);
  await eventually(async () => ((await workflow.describe()).status.name === 'COMPLETED' ? true : undefined), 30_000, 'the workflow to finish');

  const all = await events(id);
  const failedAt = (notificationId: string, attempt: number) =>
    all.find((e) => e.type === 'NotificationFailed' && e.data.notificationId === notificationId && e.data.attempt === attempt)!;
  const closed = all.find((e) => e.type === 'ComplaintClosed')!;
  // both webhooks passed the threshold after the case closed
  expect(failedAt(acknowledgment, 5).position).toBeGreaterThan(closed.position);
  expect(failedAt(closure, 5).position).toBeGreaterThan(closed.position);
  expect(all.filter((e) => e.type === 'NotificationFailed' && e.data.final).map((e) => e.data.notificationId).sort()).toEqual([acknowledgment, closure].sort());
  expect(all.filter((e) => e.type === 'Escalated')).toEqual([]);
});
