/**
 * The outbox relay's leases on a real PostgreSQL (a database of this file's own, so no
 * other file's relay takes its rows) and, for webhooks, the real API, worker and Temporal:
 * no transaction is open while a handler delivers, two relays never deliver a row at once
 * while its lease holds, and a crashed relay's row is delivered once more after its lease
 * runs out, under the same webhook-id, its outcome recorded once.
 */
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { Client as PgClient } from 'pg';
import { CallbackDestinationRule, systemResolver } from '../../../../libs/callbacks/src';
import { CaseWorkflowStarter } from '../../../../libs/case-workflows/src';
import { WEBHOOK_TOPIC, type OutboxMessage } from '../../../../libs/event-store/src';
import { createFreshDatabase } from '../../../../test/support/fresh-database';
import { call, complaintBody, eventually, fileComplaint } from '../../../../test/support/http';
import { startHttpReceiver, type HttpReceiver } from '../../../../test/support/http-receiver';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { OutboxPump, type OutboxHandler } from './outbox-pump';
import { WebhookSender } from './webhook-sender';

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let system: TestSystem;
/** a connection of the test's own, standing for "another process" */
let probe: PgClient;

beforeAll(async () => {
  database = await createFreshDatabase();
  // no relay: this file's pumps are the only ones on its database
  system = await startTestSystem({ databaseUrl: database.url, relay: false, taskQueue: `outbox-pump-${randomUUID()}` });
  probe = new PgClient({ connectionString: database.url });
  await probe.connect();
});

afterAll(async () => {
  await probe?.end();
  await system?.close();
  await database?.drop();
});

/** Rows of a topic of their own, as the append would write them. */
async function enqueue(topic: string, count: number): Promise<string[]> {
  const rows: { id: string }[] = await system.db.query(
    `INSERT INTO outbox (kind, topic, stream_id, payload)
     SELECT 'test', $1, 'test-' || n, jsonb_build_object('n', n) FROM generate_series(1, $2) AS n
     RETURNING id`,
    [topic, count],
  );
  return rows.map((r) => String(r.id)).sort();
}

async function rows(ids: readonly string[]) {
  const found: { id: string; attempts: number; done: boolean; leased: boolean; last_error: string | null }[] = await system.db.query(
    `SELECT id::text, attempts, processed_at IS NOT NULL AS done, lease_token IS NOT NULL AS leased, last_error
       FROM outbox WHERE id = ANY($1::bigint[]) ORDER BY id`,
    [ids],
  );
  return found;
}

/** A handler that holds each batch until released, answering each row with `answer`. */
function heldHandler(topic: string, answer: (message: OutboxMessage) => PromiseSettledResult<unknown> = () => ({ status: 'fulfilled', value: null })) {
  const batches: string[][] = [];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const first = new Promise<void>((resolve) => (arrived = resolve));
  const handler: OutboxHandler = {
    topic,
    retryDelayMs: () => 60_000,
    deliver: async (messages) => {
      batches.push(messages.map((m) => m.id));
      arrived();
      await released;
      return messages.map(answer);
    },
  };
  return { handler, batches, release, first };
}

const pump = (handler: OutboxHandler, leaseMs?: number) => new OutboxPump(system.db, database.url, handler, { leaseMs });

it('delivers with no transaction open: another connection can lock and update the rows while the handler runs', async () => {
  const topic = `free-${randomUUID()}`;
  const ids = await enqueue(topic, 3);
  const seen: { inTransaction: number; lockedNowait: number; updated: number }[] = [];
  const handler: OutboxHandler = {
    topic,
    retryDelayMs: () => 60_000,
    deliver: async (messages) => {
      const [{ count }] = (
        await probe.query(
          `SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
        )
      ).rows;
      const locked = await probe.query('SELECT id FROM outbox WHERE id = ANY($1::bigint[]) FOR UPDATE NOWAIT', [messages.map((m) => m.id)]);
      const updated = await probe.query(`UPDATE outbox SET last_error = 'touched during delivery' WHERE id = ANY($1::bigint[])`, [
        messages.map((m) => m.id),
      ]);
      seen.push({ inTransaction: count, lockedNowait: locked.rowCount ?? 0, updated: updated.rowCount ?? 0 });
      return messages.map(() => ({ status: 'fulfilled', value: null }));
    },
  };

  expect(await pump(handler).deliverBatch()).toEqual({ delivered: 3, pauseMs: 0 });
  expect(seen).toEqual([{ inTransaction: 0, lockedNowait: 3, updated: 3 }]);
  expect(await rows(ids)).toEqual(ids.map((id) => ({ id, attempts: 1, done: true, leased: false, last_error: 'touched during delivery' })));
});

it('never lets two pumps on one topic deliver a row at once while its lease holds', async () => {
  const topic = `shared-${randomUUID()}`;
  const ids = await enqueue(topic, 6);
  const a = heldHandler(topic);
  const b = heldHandler(topic);
  const c = heldHandler(topic);

  const batches = [pump(a.handler).deliverBatch(), pump(b.handler).deliverBatch()];
  await Promise.race([a.first, b.first]);
  // while the first claims hold their rows, a third pump finds nothing to deliver
  expect(await pump(c.handler).deliverBatch()).toEqual({ delivered: 0, pauseMs: 0 });
  const held = [...a.batches.flat(), ...b.batches.flat()];
  expect(held.sort()).toEqual(ids);
  // each claim counted its attempt as it took the rows
  expect(await rows(ids)).toEqual(ids.map((id) => ({ id, attempts: 1, done: false, leased: true, last_error: null })));

  a.release();
  b.release();
  const results = await Promise.all(batches);
  expect(results.reduce((sum, r) => sum + r.delivered, 0)).toBe(6);
  expect(c.batches).toEqual([]);
  expect(await rows(ids)).toEqual(ids.map((id) => ({ id, attempts: 1, done: true, leased: false, last_error: null })));
});

it('records a failed delivery with its backoff counted from the claim, and releases the lease', async () => {
  const topic = `failing-${randomUUID()}`;
  const [id] = await enqueue(topic, 1);
  let leasedUntil = '';
  const handler: OutboxHandler = {
    topic,
    retryDelayMs: (attempts) => attempts * 7_000,
    deliver: async (messages) => {
      [{ leased_until: leasedUntil }] = (await probe.query('SELECT leased_until::text FROM outbox WHERE id = $1', [id])).rows;
      return messages.map(() => ({ status: 'rejected', reason: new Error('receiver said no') }));
    },
  };

  expect(await pump(handler, 30_000).deliverBatch()).toEqual({ delivered: 0, pauseMs: 5_000 });
  const [row] = await system.db.query(
    `SELECT attempts, processed_at IS NULL AS pending, last_error, lease_token IS NULL AS released,
            available_at = $2::timestamptz - interval '30 seconds' + interval '7 seconds' AS due_after_backoff
       FROM outbox WHERE id = $1`,
    [id, leasedUntil],
  );
  expect(row).toEqual({ attempts: 1, pending: true, last_error: 'receiver said no', released: true, due_after_backoff: true });
});

it('gives a crashed pump’s rows to another once the lease runs out, and refuses the crashed one’s late outcome', async () => {
  const topic = `crash-${randomUUID()}`;
  const ids = await enqueue(topic, 2);
  const crashed = heldHandler(topic);
  const survivor = heldHandler(topic);
  survivor.release();

  const stuck = pump(crashed.handler, 1_000).deliverBatch();
  await crashed.first;
  const taker = pump(survivor.handler, 1_000);
  expect(await taker.deliverBatch()).toEqual({ delivered: 0, pauseMs: 0 });
  // polled, never slept: the rows come back once the crashed pump's lease has run out
  await eventually(async () => ((await taker.deliverBatch()).delivered === 2 ? true : undefined), 30_000, 'the lease to run out');
  expect(survivor.batches).toEqual([ids]);
  // the crashed pump's attempt stays counted: the survivor's is the second
  expect(await rows(ids)).toEqual(ids.map((id) => ({ id, attempts: 2, done: true, leased: false, last_error: null })));

  // the crashed pump comes back to life: its outcome is not recorded a second time
  crashed.release();
  expect(await stuck).toEqual({ delivered: 0, pauseMs: 0 });
  expect(await rows(ids)).toEqual(ids.map((id) => ({ id, attempts: 2, done: true, leased: false, last_error: null })));
  expect(await taker.deliverBatch()).toEqual({ delivered: 0, pauseMs: 0 });
  expect(crashed.batches).toEqual([ids]);
});

describe('webhooks', () => {
  let receiver: HttpReceiver;
  const received: { webhookId: string; verified: boolean }[] = [];
  const flakySeen = new Set<string>();

  beforeAll(async () => {
    const verifier = new Webhook(system.config.webhookSecrets[0]);
    receiver = await startHttpReceiver((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        let verified = true;
        try {
          verifier.verify(body, request.headers as Record<string, string>);
        } catch {
          verified = false;
        }
        received.push({ webhookId: String(request.headers['webhook-id']), verified });
        // a /flaky/ callback fails its first request and takes the later ones
        const flaky = request.url?.startsWith('/flaky/') && !flakySeen.has(request.url);
        if (flaky) flakySeen.add(request.url!);
        response.writeHead(flaky ? 500 : 204).end();
      });
    });
  });

  afterAll(async () => {
    await receiver?.close();
  });

  const sender = () =>
    new WebhookSender(
      new CaseWorkflowStarter(system.temporal, system.db.manager, system.config.temporal.taskQueue),
      system.config.webhookSecrets,
      new CallbackDestinationRule(system.config.callbackDestinations),
      systemResolver,
      new WorkerMetrics(),
    );


  /** A case whose webhook goes to `path`, and that webhook's id. */
  async function caseWithWebhook(path: string): Promise<{ caseId: string; notificationId: string }> {
    const { body } = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `${receiver.base}${path}/${randomUUID()}` }));
    const [{ notificationId }]: { notificationId: string }[] = await system.db.query(
      `SELECT payload->>'notificationId' AS "notificationId" FROM outbox WHERE topic = $1 AND stream_id = $2`,
      [WEBHOOK_TOPIC, `complaint-${body.id}`],
    );
    return { caseId: body.id as string, notificationId };
  }

  /**
   * A pump that posts the webhook and signals the case, then "dies" before it records the
   * outcome (it waits until revived); `delivered` settles once it has posted and signalled.
   */
  function crashingPump() {
    const first = sender();
    let revive!: () => void;
    const revived = new Promise<void>((resolve) => (revive = resolve));
    let delivered!: () => void;
    const hasDelivered = new Promise<void>((resolve) => (delivered = resolve));
    const crashing: OutboxHandler = {
      topic: WEBHOOK_TOPIC,
      retryDelayMs: first.retryDelayMs,
      deliver: async (messages) => {
        const settled = await first.deliver(messages);
        delivered();
        await revived;
        return settled;
      },
    };
    return { stuck: pump(crashing, 1_000).deliverBatch(), delivered: hasDelivered, revive, close: () => first.close() };
  }

  it('delivers a crashed pump’s webhook exactly once more, under the same webhook-id, and the case records it once', async () => {
    const { caseId, notificationId } = await caseWithWebhook('/hook');
    // the first pump posts the webhook and signals the case, then dies before it records the outcome
    const first = crashingPump();
    await first.delivered;
    expect(received).toEqual([{ webhookId: notificationId, verified: true }]);

    const second = sender();
    const taker = pump(second, 1_000);
    await eventually(async () => ((await taker.deliverBatch()).delivered === 1 ? true : undefined), 30_000, 'the lease to run out');
    expect(received).toEqual([
      { webhookId: notificationId, verified: true },
      { webhookId: notificationId, verified: true },
    ]);
    first.revive();
    expect(await first.stuck).toEqual({ delivered: 0, pauseMs: 0 });
    expect(await taker.deliverBatch()).toEqual({ delivered: 0, pauseMs: 0 });
    expect(received).toHaveLength(2);
    const [row] = await system.db.query(`SELECT attempts, processed_at IS NOT NULL AS done FROM outbox WHERE payload->>'notificationId' = $1`, [
      notificationId,
    ]);
    expect(row).toEqual({ attempts: 2, done: true });

    // the two deliveries were reported to the case as attempts 1 and 2; it records the delivery once, the first
    const workflow = system.temporal.workflow.getHandle(`complaint-${caseId}`);
    await eventually(async () => {
      const history = await workflow.fetchHistory();
      const signals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'deliveryOutcome');
      return signals.length === 2 ? true : undefined;
    }, 30_000, 'both outcomes signalled');
    // a later action queues behind the signals' handlers, so after it everything they decided is recorded
    const note = await call(system.baseUrl, 'POST', `/v1/complaints/${caseId}/notes`, { key: 'agent', body: { text: 'after the redelivery' } });
    expect(note.status).toBe(201);
    const events = (await call(system.baseUrl, 'GET', `/v1/complaints/${caseId}/events`, { key: 'auditor' })).body as { type: string; data: any }[];
    expect(events.filter((e) => e.type === 'NotificationSent').map((e) => [e.data.notificationId, e.data.attempt])).toEqual([[notificationId, 1]]);
    await Promise.all([first.close(), second.close()]);
  });

  it('records the delivery that follows a crashed pump’s failed attempt: the two POSTs are attempts 1 and 2', async () => {
    const { caseId, notificationId } = await caseWithWebhook('/flaky');
    // the first pump's POST is refused (500); it signals the failure, then dies before recording it
    const first = crashingPump();
    await first.delivered;

    // another pump takes the webhook once the lease runs out, and the callback takes it
    const second = sender();
    const taker = pump(second, 1_000);
    await eventually(async () => ((await taker.deliverBatch()).delivered === 1 ? true : undefined), 30_000, 'the lease to run out');
    first.revive();
    await first.stuck;
    expect(received.filter((r) => r.webhookId === notificationId)).toHaveLength(2);

    const note = await call(system.baseUrl, 'POST', `/v1/complaints/${caseId}/notes`, { key: 'agent', body: { text: 'after the redelivery' } });
    expect(note.status).toBe(201);
    const events = (await call(system.baseUrl, 'GET', `/v1/complaints/${caseId}/events`, { key: 'auditor' })).body as { type: string; data: any }[];
    const outcomes = events.filter((e) => e.type === 'NotificationSent' || e.type === 'NotificationFailed');
    expect(outcomes.map((e) => [e.type, e.data.notificationId, e.data.attempt])).toEqual([
      ['NotificationFailed', notificationId, 1],
      ['NotificationSent', notificationId, 2],
    ]);
    const state = (await call(system.baseUrl, 'GET', `/v1/complaints/${caseId}`, { key: 'manager' })).body;
    expect(state.notifications).toMatchObject([{ notificationId, attempts: 2, delivered: true }]);
    await Promise.all([first.close(), second.close()]);
  });

  it('signs with every secret of a rotation, the new one first, so receivers verify with either', async () => {
    const newSecret = 'whsec_bmV3LXdlYmhvb2stc2VjcmV0LWFmdGVyLXJvdGF0aW9u';
    let captured: { body: string; headers: Record<string, string> } | undefined;
    const rotated = await startHttpReceiver((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        captured = { body, headers: request.headers as Record<string, string> };
        response.writeHead(204).end();
      });
    });
    try {
      const during = new WebhookSender(
        new CaseWorkflowStarter(system.temporal, system.db.manager, system.config.temporal.taskQueue),
        [newSecret, ...system.config.webhookSecrets],
        new CallbackDestinationRule(system.config.callbackDestinations),
        systemResolver,
        new WorkerMetrics(),
      );
      const result = await during.post({
        notificationId: `rotation-${randomUUID()}`,
        type: 'complaint.acknowledged',
        complaintId: randomUUID(),
        occurredAt: new Date().toISOString(),
        url: `${rotated.base}/hook`,
        data: { reference: 'CR-2026-000001' },
      });
      await during.close();
      expect(result).toMatchObject({ ok: true, status: 204 });
      const signatures = captured!.headers['webhook-signature'].split(' ');
      expect(signatures).toHaveLength(2);
      expect(signatures.every((signature) => signature.startsWith('v1,'))).toBe(true);
      // a receiver still on the old secret, and one already on the new
      expect(() => new Webhook(system.config.webhookSecrets[0]).verify(captured!.body, captured!.headers)).not.toThrow();
      expect(() => new Webhook(newSecret).verify(captured!.body, captured!.headers)).not.toThrow();
      expect(() => new Webhook('whsec_c29tZW9uZS1lbHNlcy1zZWNyZXQtMTIzNDU2Nzg5MA==').verify(captured!.body, captured!.headers)).toThrow();
    } finally {
      await rotated.close();
    }
  });
});
