/**
 * Per-key rate limits on the real API: a key over its budget gets 429 problem+json with
 * Retry-After, changes nothing, and leaves every other key (and the health checks' address)
 * its own budget.
 */
import { call, complaintBody, fileComplaint } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ worker: false, rateLimit: '5/1m' });
});

afterAll(async () => {
  await system?.close();
});

it('answers a key over its budget 429 with Retry-After, records nothing, and keeps the other keys going', async () => {
  const admitted = [];
  for (let i = 0; i < 5; i++) admitted.push(await call(system.baseUrl, 'GET', '/v1/me', { key: 'manager' }));
  expect(admitted.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
  expect(admitted.map((reply) => reply.headers.get('x-ratelimit-remaining'))).toEqual(['4', '3', '2', '1', '0']);
  expect(admitted[0].headers.get('x-ratelimit-limit')).toBe('5');

  // the budget is the key's across every route: a complaint over it is refused and not recorded
  const before: { count: number }[] = await system.db.query('SELECT count(*)::int AS count FROM events');
  const refused = await call(system.baseUrl, 'GET', '/v1/complaints', { key: 'manager' });
  expect(refused.status).toBe(429);
  expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(refused.body).toMatchObject({ status: 429, type: expect.stringContaining('rate-limited'), detail: expect.stringContaining('5 requests') });
  const retryAfter = Number(refused.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);

  const filed = await fileComplaint(system.baseUrl, complaintBody());
  expect(filed.status).toBe(201);
  const after: { count: number }[] = await system.db.query('SELECT count(*)::int AS count FROM events');
  expect(after[0].count - before[0].count).toBe(2);

  expect((await call(system.baseUrl, 'GET', '/v1/me', { key: 'auditor' })).status).toBe(200);
  expect((await call(system.baseUrl, 'GET', '/health', { key: null })).status).toBe(200);
});
