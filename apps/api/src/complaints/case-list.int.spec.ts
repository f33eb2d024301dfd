/** The case list's `reference` and `ownerKind` filters (the console's search, "My queues" and "My cases"). */
import { randomUUID } from 'node:crypto';
import { call, complaintBody, fileComplaint } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';

let system: TestSystem;
const segment = `segment-${randomUUID()}`;
const filed: { id: string; reference: string }[] = [];

beforeAll(async () => {
  system = await startTestSystem();
  for (let i = 0; i < 3; i++) {
    const reply = await fileComplaint(system.baseUrl, complaintBody({ customer: { id: `cust-${randomUUID()}`, segment } }));
    expect(reply.status).toBe(201);
    filed.push(reply.body);
  }
  const take = await call(system.baseUrl, 'POST', `/v1/complaints/${filed[0].id}/assignment`, { key: 'agent', body: { to: 'alice' } });
  expect(take.status).toBe(200);
});

afterAll(async () => {
  await system?.close();
});

const ids = (reply: { body: { items: { id: string }[] } }) => reply.body.items.map((c) => c.id).sort();

it('finds a case by its exact reference', async () => {
  const reply = await call(system.baseUrl, 'GET', `/v1/complaints?reference=${filed[1].reference}`, { key: 'auditor' });
  expect(reply.status).toBe(200);
  expect(reply.body.items.map((c: { reference: string }) => c.reference)).toEqual([filed[1].reference]);
  const none = await call(system.baseUrl, 'GET', `/v1/complaints?reference=${filed[1].reference}9`, { key: 'auditor' });
  expect(none.body.items).toEqual([]);
});

it('lists the cases still waiting in a queue, or those a person owns', async () => {
  const queued = await call(system.baseUrl, 'GET', `/v1/complaints?ownerKind=queue&segment=${segment}`, { key: 'agent' });
  expect(queued.status).toBe(200);
  expect(ids(queued)).toEqual([filed[1].id, filed[2].id].sort());
  expect(queued.body.items.every((c: { owner: string }) => c.owner.startsWith('queue:'))).toBe(true);

  const owned = await call(system.baseUrl, 'GET', `/v1/complaints?ownerKind=person&segment=${segment}`, { key: 'agent' });
  expect(ids(owned)).toEqual([filed[0].id]);
  expect(owned.body.items[0].owner).toBe('alice');

  const mine = await call(system.baseUrl, 'GET', `/v1/complaints?owner=alice&ownerKind=person&segment=${segment}`, { key: 'agent' });
  expect(ids(mine)).toEqual([filed[0].id]);
});

it('refuses an unknown ownerKind, naming the field', async () => {
  const reply = await call(system.baseUrl, 'GET', '/v1/complaints?ownerKind=team', { key: 'agent' });
  expect(reply.status).toBe(400);
  expect(reply.body.errors[0].path).toBe('query.ownerKind');
});

it('has indexes for both kinds of owner', async () => {
  const indexes: { indexname: string }[] = await system.db.query(
    `SELECT indexname FROM pg_indexes WHERE tablename = 'complaint_cases' AND indexname IN ('complaint_cases_queue_owned', 'complaint_cases_person_owned')`,
  );
  expect(indexes).toHaveLength(2);
});
