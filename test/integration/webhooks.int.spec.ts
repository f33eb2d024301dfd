/**
 * Webhooks to the intake system on the real stack: signed per Standard Webhooks and
 * verified here by the specification's own library, retried with backoff through the
 * outbox, every attempt recorded on the case, a persistently failing callback escalating
 * without blocking the case.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { repoRoot } from '../../libs/config/src';
import { call, complaintBody, eventually, fileComplaint } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  verified: boolean;
}

let system: TestSystem;
let receiver: HttpReceiver | undefined;
let base: string;
const received: Received[] = [];
/** per path: how many requests to answer with 500 before answering 204 (Infinity: always fail) */
const failures = new Map<string, number>();

beforeAll(async () => {
  system = await startTestSystem({
    policyFile: path.join(repoRoot(), 'policies/test-fast.yaml'),
    taskQueue: `webhooks-${randomUUID()}`,
  });
  const verifier = new Webhook(system.config.webhookSecrets[0]);
  receiver = await startHttpReceiver((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      let verified = false;
      try {
        verifier.verify(body, request.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      const requestPath = request.url ?? '/';
      received.push({ path: requestPath, headers: request.headers, body, verified });
      const left = failures.get(requestPath) ?? 0;
      if (left > 0) {
        failures.set(requestPath, left - 1);
        response.writeHead(500).end('not now');
      } else {
        response.writeHead(204).end();
      }
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
  return reply.body as { type: string; data: Record<string, any> }[];
}

function requestsTo(route: string) {
  return received.filter((r) => r.path === route);
}

it('sends signed notifications for acknowledgment, promise changes and information requests, and records each delivery', async () => {
  const route = `/ok/${randomUUID()}`;
  const { body } = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `${base}${route}` }));
  const id = body.id as string;
  await call(system.baseUrl, 'POST', `/v1/complaints/${id}/promise`, {
    key: 'agent',
    body: { resolveBy: new Date(Date.now() + 90_000).toISOString(), reason: 'czekamy na odpowiedź banku' },
  });
  await call(system.baseUrl, 'POST', `/v1/complaints/${id}/information-requests`, {
    key: 'agent',
    body: { question: 'מה מספר החשבונית?' },
  });

  const sent = await eventually(async () => {
    const found = (await events(id)).filter((e) => e.type === 'NotificationSent');
    return found.length === 3 ? found : undefined;
  }, 30_000, 'three recorded deliveries');

  const requests = requestsTo(route);
  expect(requests.every((r) => r.verified)).toBe(true);
  const bodies = requests.map((r) => JSON.parse(r.body));
  expect(bodies.map((b) => b.type).sort()).toEqual([
    'complaint.acknowledged',
    'complaint.information_requested',
    'complaint.promise_changed',
  ]);
  for (const [index, request] of requests.entries()) {
    expect(request.headers['webhook-id']).toBe(bodies[index].id);
    expect(Math.abs(Number(request.headers['webhook-timestamp']) * 1000 - Date.now())).toBeLessThan(120_000);
    expect(bodies[index]).toMatchObject({ complaintId: id, occurredAt: expect.any(String), data: expect.any(Object) });
  }
  expect(bodies.find((b) => b.type === 'complaint.information_requested').data.question).toBe('מה מספר החשבונית?');
  expect(sent.map((e) => e.data.attempt)).toEqual([1, 1, 1]);
  const state = (await call(system.baseUrl, 'GET', `/v1/complaints/${id}`, { key: 'agent' })).body;
  expect(state.notifications.every((n: { delivered: boolean }) => n.delivered)).toBe(true);
});

it('retries a failing receiver with backoff until it recovers, under the same webhook-id, recording every attempt', async () => {
  const route = `/flaky/${randomUUID()}`;
  failures.set(route, 2);
  const { body } = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `${base}${route}` }));

  const recorded = await eventually(async () => {
    const found = (await events(body.id)).filter((e) => e.type.startsWith('Notification'));
    return found.some((e) => e.type === 'NotificationSent') ? found : undefined;
  }, 60_000, 'the delivery after two failures');

  expect(recorded.map((e) => [e.type, e.data.attempt])).toEqual([
    ['NotificationFailed', 1],
    ['NotificationFailed', 2],
    ['NotificationSent', 3],
  ]);
  expect(recorded[0].data).toMatchObject({ status: 500, notificationType: 'complaint.acknowledged', final: false });
  const ids = new Set(requestsTo(route).map((r) => r.headers['webhook-id']));
  expect(ids.size).toBe(1);
  expect(requestsTo(route).every((r) => r.verified)).toBe(true);
});

it('escalates a case whose callback keeps failing, and the case goes on working', async () => {
  const route = `/down/${randomUUID()}`;
  failures.set(route, Number.POSITIVE_INFINITY);
  const { body } = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `${base}${route}` }));

  const escalated = await eventually(async () => (await events(body.id)).find((e) => e.type === 'Escalated'), 60_000, 'the escalation');
  expect(escalated.data).toMatchObject({ reason: 'notification-failure', toLevel: 1 });
  const note = await call(system.baseUrl, 'POST', `/v1/complaints/${body.id}/notes`, { key: 'manager', body: { text: 'calling the customer instead' } });
  expect(note.status).toBe(201);
  const failed = (await events(body.id)).filter((e) => e.type === 'NotificationFailed');
  expect(failed.length).toBeGreaterThanOrEqual(2);
});

it('tells the intake system about the final response, the satisfaction request and the closure', async () => {
  const route = `/lifecycle/${randomUUID()}`;
  const { body } = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `${base}${route}` }));
  const id = body.id as string;
  const responseText = 'Zwróciliśmy Pani podwójną opłatę. If you are unhappy you can refer your complaint to the ombudsman.';
  const resolved = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/resolution`, {
    key: 'agent',
    body: { outcome: 'upheld', summary: 'refunded', responseText },
  });
  expect(resolved.status).toBe(201);
  await call(system.baseUrl, 'POST', `/v1/complaints/${id}/satisfaction`, { key: 'intake', body: { satisfied: true } });

  const types = await eventually(async () => {
    const seen = requestsTo(route).map((r) => JSON.parse(r.body).type as string);
    return seen.includes('complaint.closed') && seen.length >= 4 ? seen : undefined;
  }, 30_000, 'the lifecycle webhooks');
  expect(types).toEqual(
    expect.arrayContaining(['complaint.acknowledged', 'complaint.final_response', 'complaint.satisfaction_requested', 'complaint.closed']),
  );
  const finalResponse = requestsTo(route).map((r) => JSON.parse(r.body)).find((b) => b.type === 'complaint.final_response');
  expect(finalResponse.data).toMatchObject({ outcome: 'upheld', responseText });
  expect(requestsTo(route).every((r) => r.verified)).toBe(true);
  // the closed case waits for its last deliveries and records them
  await eventually(async () => {
    const sent = (await events(id)).filter((e) => e.type === 'NotificationSent').map((e) => e.data.notificationType);
    return sent.includes('complaint.closed') ? sent : undefined;
  }, 30_000, 'the closure delivery recorded');
});

it('speaks to the customer in their language: each webhook carries the notice recorded on its event, and GET /notices lists them', async () => {
  const route = `/notices/${randomUUID()}`;
  const customer = { id: `cust-${randomUUID()}`, name: 'Agnieszka Wiśniewska', language: 'pl-PL' };
  const { body } = await fileComplaint(system.baseUrl, complaintBody({ customer, callbackUrl: `${base}${route}` }));
  const id = body.id as string;
  await call(system.baseUrl, 'POST', `/v1/complaints/${id}/information-requests`, { key: 'agent', body: { question: 'Proszę podać numer faktury.' } });

  const bodies = await eventually(async () => {
    const seen = requestsTo(route).map((r) => JSON.parse(r.body));
    return seen.length >= 2 ? seen : undefined;
  }, 30_000, 'the acknowledgment and the question');
  const ack = bodies.find((b) => b.type === 'complaint.acknowledged');
  expect(ack.message).toEqual({
    language: 'pl',
    direction: 'ltr',
    subject: `Przyjęliśmy Twoją reklamację ${body.reference}`,
    text: expect.stringContaining('Dzień dobry, Agnieszka Wiśniewska.'),
    templateVersion: 'test-fast-3/pl',
  });
  const question = bodies.find((b) => b.type === 'complaint.information_requested');
  expect(question.message.text).toContain('\nProszę podać numer faktury.\n');

  // the auditor's record: the same words on the events that caused them
  const recorded = (await events(id)).flatMap((e) => (e.data.notices ?? []) as { noticeId: string; text: string }[]);
  expect(recorded.map((n) => n.text)).toEqual([ack.message.text, question.message.text]);
  expect(recorded.map((n) => n.noticeId)).toEqual([ack.id, question.id]);

  // what the customer was sent, with each delivery, for the intake system that filed it
  const notices = await eventually(async () => {
    const listed = (await call(system.baseUrl, 'GET', `/v1/complaints/${id}/notices`, { key: 'intake' })).body as { delivery: { status: string } }[];
    return listed.every((n) => n.delivery.status === 'delivered') ? listed : undefined;
  }, 30_000, 'both notices delivered');
  expect(notices).toEqual([
    expect.objectContaining({ noticeId: ack.id, kind: 'acknowledgment', language: 'pl', requestedLanguage: 'pl-PL', fallback: ['pl-PL', 'pl'], causedBy: expect.objectContaining({ type: 'ComplaintAcknowledged' }), delivery: expect.objectContaining({ attempts: 1 }) }),
    expect.objectContaining({ noticeId: question.id, kind: 'informationRequested', text: question.message.text, causedBy: expect.objectContaining({ type: 'InformationRequested' }) }),
  ]);
});
