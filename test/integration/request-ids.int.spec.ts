/**
 * A request's id, from the HTTP request into the workflow and its activities: the caller's
 * `X-Request-Id` (or a new one when it sends none or a malformed one) is answered in the same
 * header, on refusals too, and is in the API's log lines; the workflow the outbox relay starts
 * for an intake carries the intake's id (memo), and a case command's id is in the log
 * attributes of the workflow handling it and of the activity it schedules. The API's and the
 * worker's JSON log lines are read from the destination the test gives their pino loggers,
 * at debug level, where the Temporal SDK logs each workflow task and activity it runs.
 */
import { Writable } from 'node:stream';
import { defaultPayloadConverter } from '@temporalio/common';
import { call, complaintBody, eventually } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type LogLine = Record<string, unknown> & { msg?: string; requestId?: string };

const lines: LogLine[] = [];
const logs = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
    done();
  },
});

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ logLevel: 'debug', logDestination: logs });
});

afterAll(async () => {
  await system?.close();
});

const linesOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);

it('answers the caller’s id, or a new one when it sends none or a malformed one, on every answer', async () => {
  const given = await call(system.baseUrl, 'GET', '/v1/me', { key: 'agent', headers: { 'x-request-id': 'desk-7:ticket_42.a' } });
  expect(given.status).toBe(200);
  expect(given.headers.get('x-request-id')).toBe('desk-7:ticket_42.a');

  const none = await call(system.baseUrl, 'GET', '/v1/me', { key: 'agent' });
  expect(none.headers.get('x-request-id')).toMatch(UUID);

  for (const malformed of ['has space', 'x'.repeat(129), 'semi;colon']) {
    const answer = await call(system.baseUrl, 'GET', '/v1/me', { key: 'agent', headers: { 'x-request-id': malformed } });
    expect(answer.headers.get('x-request-id')).toMatch(UUID);
  }

  // refusals, the earliest ones (before any route) too
  const unknownKey = await call(system.baseUrl, 'GET', '/v1/me', { key: null, headers: { authorization: 'Bearer nope', 'x-request-id': 'r-401' } });
  expect([unknownKey.status, unknownKey.headers.get('x-request-id')]).toEqual([401, 'r-401']);
  const notServed = await call(system.baseUrl, 'DELETE', '/v1/me', { key: 'agent', headers: { 'x-request-id': 'r-405' } });
  expect([notServed.status, notServed.headers.get('x-request-id')]).toEqual([405, 'r-405']);
  const notJson = await call(system.baseUrl, 'POST', '/v1/complaints', { key: 'intake', rawBody: 'x', headers: { 'content-type': 'text/plain', 'x-request-id': 'r-415' } });
  expect([notJson.status, notJson.headers.get('x-request-id')]).toEqual([415, 'r-415']);
});

it('carries an intake’s id to its workflow, and a command’s id into the API’s, the workflow’s and the activity’s log lines', async () => {
  const filed = await call(system.baseUrl, 'POST', '/v1/complaints', {
    key: 'intake',
    body: complaintBody(),
    headers: { 'idempotency-key': `key-${Date.now()}`, 'x-request-id': 'intake-request-1' },
  });
  expect([filed.status, filed.headers.get('x-request-id')]).toEqual([201, 'intake-request-1']);
  const id = filed.body.id as string;
  expect(linesOf('intake-request-1')).toContainEqual(expect.objectContaining({ msg: 'request completed' }));

  // the relay started the workflow as part of the intake: its memo names it
  const handle = system.temporal.workflow.getHandle(`complaint-${id}`);
  const started = await eventually(
    () => handle.fetchHistory().then((history) => history.events?.[0]?.workflowExecutionStartedEventAttributes ?? undefined),
    30_000,
    'the workflow start',
  );
  expect(defaultPayloadConverter.fromPayload(started.memo!.fields!.requestId)).toBe('intake-request-1');

  const noted = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/notes`, {
    key: 'agent',
    body: { text: 'Called the bank; refund under way.' },
    headers: { 'x-request-id': 'note-request-1' },
  });
  expect([noted.status, noted.headers.get('x-request-id')]).toEqual([201, 'note-request-1']);

  expect(linesOf('note-request-1').filter((line) => line.msg === 'request completed')).toHaveLength(1);
  // the workflow's log lines carry the id of the request it works for: the SDK's line of the
  // run's start, the intake's; the append the command's update scheduled, the command's (the
  // workflow handed it on in the activity's headers; the SDK logs the activity's end in it)
  expect(lines).toContainEqual(
    expect.objectContaining({ msg: 'Workflow started', workflowId: `complaint-${id}`, requestId: 'intake-request-1' }),
  );
  const activityEnd = (line: LogLine) =>
    line.msg === 'Activity completed' && line.activityType === 'appendComplaintEvents' && line.workflowId === `complaint-${id}`;
  await eventually(async () => linesOf('note-request-1').find(activityEnd), 10_000, 'the append’s log line');
});
