/**
 * GET /v1/dashboard on a database of its own (so the figures are exactly this file's cases):
 * cases filed, taken, escalated and compensated through the API, then the figures.
 */
import { randomUUID } from 'node:crypto';
import { call, fileComplaint } from '../../../../test/support/http';
import { createFreshDatabase } from '../../../../test/support/fresh-database';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';

let system: TestSystem;
let database: Awaited<ReturnType<typeof createFreshDatabase>>;

beforeAll(async () => {
  database = await createFreshDatabase();
  system = await startTestSystem({ databaseUrl: database.url, taskQueue: `dashboard-${randomUUID()}` });
});

afterAll(async () => {
  await system?.close();
  await database?.drop();
});

it('counts exactly the cases filed, taken, escalated and compensated', async () => {
  const from = new Date(Date.now() - 60_000).toISOString();
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const filed = await fileComplaint(system.baseUrl);
    expect(filed.status).toBe(201);
    ids.push(filed.body.id);
  }
  const [compensated, taken, escalated] = ids;
  for (const id of [compensated, taken]) {
    expect((await call(system.baseUrl, 'POST', `/v1/complaints/${id}/assignment`, { key: 'agent', body: { to: 'alice' } })).status).toBe(200);
  }
  const escalation = await call(system.baseUrl, 'POST', `/v1/complaints/${escalated}/escalations`, { key: 'agent', body: { reason: 'the customer asked for a manager' } });
  expect(escalation.status).toBe(201);
  const proposal = await call(system.baseUrl, 'POST', `/v1/complaints/${compensated}/compensation-proposals`, {
    key: 'agent',
    body: { type: 'refund', amount: { minor: 4_500, currency: 'EUR' }, rationale: 'duplicate charge' },
  });
  expect(proposal.body.status).toBe('approved');
  const to = new Date(Date.now() + 60_000).toISOString();

  const reply = await call(system.baseUrl, 'GET', `/v1/dashboard?from=${from}&to=${to}`, { key: 'manager' });
  expect(reply.status).toBe(200);
  const figures = reply.body;
  const [{ max }]: { max: string }[] = await system.db.query('SELECT max(global_position)::text AS max FROM events');
  expect(figures.coversThrough).toBe(Number(max));

  const cases = await Promise.all(ids.map(async (id) => (await call(system.baseUrl, 'GET', `/v1/complaints/${id}`, { key: 'manager' })).body));
  expect(figures.workload.queues).toEqual([{ queue: cases[2].owner, open: 1 }]);
  expect(cases[2].owner).toMatch(/^queue:/);
  expect(figures.workload.owners).toEqual([{ owner: 'alice', open: 2, breached: 0, atRisk: 0 }]);
  const statuses = new Map<string, number>();
  for (const c of cases) statuses.set(c.status, (statuses.get(c.status) ?? 0) + 1);
  expect(figures.openByStatus).toEqual([...statuses].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => ({ status, count })));
  expect(figures.openByAge).toEqual([
    { bucket: 'under-1-day', count: 3 },
    { bucket: '1-3-days', count: 0 },
    { bucket: '3-7-days', count: 0 },
    { bucket: '7-28-days', count: 0 },
    { bucket: 'over-28-days', count: 0 },
  ]);
  expect(figures.promiseKeepingByWeek).toEqual([]);
  expect(figures.escalationsByReason).toEqual([{ reason: 'requested', count: 1 }]);
  expect(figures.compensationApproved).toEqual([{ type: 'refund', currency: 'EUR', count: 1, minor: 4_500 }]);
  expect(figures.timeToAcknowledge).toMatchObject({ count: 3, targetMs: 60_000 });
  expect(figures.timeToAcknowledge.medianMs).toBeGreaterThanOrEqual(0);
  expect(figures.timeToAcknowledge.p90Ms).toBeGreaterThanOrEqual(figures.timeToAcknowledge.medianMs);
  expect(figures.timeToFinalResponse).toEqual({ count: 0, medianMs: null, p90Ms: null, targetMs: 56 * 86_400_000 });

  const before = await call(system.baseUrl, 'GET', `/v1/dashboard?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`, { key: 'auditor' });
  expect(before.body).toMatchObject({ escalationsByReason: [], compensationApproved: [], timeToAcknowledge: { count: 0 } });
});

it('refuses a window whose from is not before its to (422), a bad instant (400), and intake keys (403)', async () => {
  const backwards = await call(system.baseUrl, 'GET', '/v1/dashboard?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', { key: 'agent' });
  expect(backwards.status).toBe(422);
  expect(backwards.body.errors[0].path).toBe('query.from');
  const bad = await call(system.baseUrl, 'GET', '/v1/dashboard?from=yesterday', { key: 'agent' });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].path).toBe('query.from');
  expect((await call(system.baseUrl, 'GET', '/v1/dashboard', { key: 'intake' })).status).toBe(403);
  const defaults = await call(system.baseUrl, 'GET', '/v1/dashboard', { key: 'director' });
  expect(defaults.status).toBe(200);
  expect(Date.parse(defaults.body.to) - Date.parse(defaults.body.from)).toBe(90 * 86_400_000);
});
