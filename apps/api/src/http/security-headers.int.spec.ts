/** Security headers on every answer of the real API: JSON, problems, the earliest refusals, the docs, the console. */
import { call } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ worker: false });
});

afterAll(async () => {
  await system?.close();
});

const COMMON = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

it.each([
  ['a JSON answer', 'GET', '/v1/me', 200],
  ['the health check', 'GET', '/health', 200],
  ['a 401 problem', 'GET', '/v1/complaints', 401],
  ['a 404 problem', 'GET', '/v1/nothing-here', 404],
  ['a 405 refused before routing', 'DELETE', '/v1/me', 405],
  ['the OpenAPI document', 'GET', '/openapi.json', 200],
])('%s carries them, with a policy that lets a browser do nothing with it', async (_what, method, route, status) => {
  const reply = await call(system.baseUrl, method, route, { key: route === '/v1/complaints' ? null : 'agent' });
  expect(reply.status).toBe(status);
  for (const [name, value] of Object.entries(COMMON)) expect(reply.headers.get(name)).toBe(value);
  expect(reply.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  expect(reply.headers.get('x-powered-by')).toBeNull();
});

it('lets the Swagger UI run its inline script, and the console only its own files', async () => {
  const docs = await call(system.baseUrl, 'GET', '/docs', { key: null });
  expect(docs.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-inline'");
  expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
  const consolePage = await call(system.baseUrl, 'GET', '/console/', { key: null });
  expect(consolePage.headers.get('content-security-policy')).toContain("script-src 'self';");
  expect(consolePage.headers.get('content-security-policy')).not.toContain('unsafe-inline');
});
