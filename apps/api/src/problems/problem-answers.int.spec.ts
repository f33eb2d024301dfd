/**
 * What reaches a client when something goes wrong, on the real API, worker, PostgreSQL and
 * Temporal: problem+json with the status of what happened. A case whose stream moved on
 * behind its workflow takes the next action on the events it missed (never a 500, and no
 * 409 a same-key retry would be answered forever); an unknown route is 404, a body over the limit 413, one that is not JSON 415,
 * malformed JSON 400 `malformed-json`; none of them records anything.
 */
import { randomUUID } from 'node:crypto';
import { decideAddNote } from '../../../../libs/domain/src';
import { decidedOn, readCaseState, recordComplaintEvents } from '../../../../libs/event-store/src';
import { call, complaintBody, eventually, fileComplaint, type Reply } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';
import { complaintWorkflowId } from '../../../../workflows/complaint/messages';
import { PROBLEM_CATALOGUE, type ProblemKind } from './problem-catalogue';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.close();
});

function expectProblem(reply: Reply, kind: ProblemKind): void {
  const { type, title, status } = PROBLEM_CATALOGUE[kind];
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  expect(reply.body).toMatchObject({ type, title, status, detail: expect.any(String), instance: expect.any(String) });
  expect(reply.status).toBe(status);
}

async function keyRecorded(key: string): Promise<boolean> {
  const rows: unknown[] = await system.db.query('SELECT 1 FROM idempotency_keys WHERE key = $1', [key]);
  return rows.length > 0;
}

describe('a stream that moved on behind its workflow', () => {
  it('decides the next action again on the events it missed: answered 201, recorded once, after them', async () => {
    const filed = await fileComplaint(system.baseUrl);
    const id = filed.body.id as string;
    expect((await call(system.baseUrl, 'POST', `/v1/complaints/${id}/notes`, { key: 'agent', body: { text: 'first' } })).status).toBe(201);
    await eventually(
      async () => ((await system.temporal.workflow.getHandle(complaintWorkflowId(id)).describe()).status.name === 'RUNNING' ? true : undefined),
      30_000,
      'the case workflow',
    );

    // another writer appends at the version the workflow holds: its next append is stale
    const state = (await readCaseState(system.db.manager, id))!;
    const { folded: _folded, ...behind } = decidedOn(
      state,
      decideAddNote(state, { text: 'written behind the workflow' }, { actor: { principal: 'maria', role: 'manager' }, now: new Date(), eventId: randomUUID() }),
    );
    await recordComplaintEvents(system.db.manager, { complaintId: id, ...behind, recordedAt: new Date() });

    const headers = { 'idempotency-key': randomUUID() };
    const second = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/notes`, { key: 'agent', body: { text: 'second' }, headers });
    expect(second.status).toBe(201);
    // the same key again is the same action, answered as it was, not recorded twice
    const again = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/notes`, { key: 'agent', body: { text: 'second' }, headers });
    expect(again.status).toBe(201);
    const events = await call(system.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' });
    expect(events.body.map((e: { type: string; data: { text?: string } }) => e.data.text ?? e.type)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'first',
      'written behind the workflow',
      'second',
    ]);
  });
});

describe('Nest’s and body-parser’s refusals keep their status, as problems', () => {
  it('an unknown route: 404', async () => {
    expectProblem(await call(system.baseUrl, 'GET', '/v1/no-such-thing', { key: 'agent' }), 'not-found');
    expectProblem(await call(system.baseUrl, 'POST', '/nowhere', { key: null, body: {} }), 'not-found');
  });

  it('a body over the limit: 413; a body that is not JSON: 415; malformed JSON: 400 malformed-json; nothing recorded', async () => {
    const keys: string[] = [];
    const intake = (rawBody: string, contentType = 'application/json') => {
      keys.push(randomUUID());
      return call(system.baseUrl, 'POST', '/v1/complaints', { key: 'intake', rawBody, headers: { 'idempotency-key': keys.at(-1)!, 'content-type': contentType } });
    };
    expectProblem(await intake(JSON.stringify({ ...complaintBody(), description: 'x'.repeat(1_100_000) })), 'payload-too-large');
    expectProblem(await intake('summary=Charged+twice', 'application/x-www-form-urlencoded'), 'unsupported-media-type');
    expectProblem(await intake(JSON.stringify(complaintBody()).replace(/}$/, ',}')), 'malformed-json');
    for (const key of keys) expect(await keyRecorded(key)).toBe(false);
  });
});
