/** GET /v1/me answers every role with the principal and role of its key. */
import { call, type KeyName } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ worker: false });
});

afterAll(async () => {
  await system?.close();
});

it.each<[KeyName, string, string]>([
  ['intake', 'desk-1', 'intake'],
  ['agent', 'alice', 'agent'],
  ['manager', 'maria', 'manager'],
  ['director', 'dora', 'director'],
  ['auditor', 'audit', 'auditor'],
  ['admin', 'root', 'admin'],
])('tells the %s key who it is', async (key, principal, role) => {
  const reply = await call(system.baseUrl, 'GET', '/v1/me', { key });
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({ principal, role });
});

it('answers 401 without a key', async () => {
  const reply = await call(system.baseUrl, 'GET', '/v1/me', { key: null });
  expect(reply.status).toBe(401);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
});
