/** /openapi.json and /docs describe every route the server really serves, with the real validation. */
import { call } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ worker: false });
});

afterAll(async () => {
  await system?.close();
});

/** Every route registered with Express by the Nest controllers, as "METHOD /path/{param}". */
function servedRoutes(): string[] {
  const express = system.api.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  return express.router.stack
    // Nest's not-found handlers are catch-alls ("/{*path}"), not routes of ours
    .filter((layer) => layer.route && !/^\/(docs|openapi)/.test(layer.route.path) && !layer.route.path.includes('*'))
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map(
        (method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
      ),
    );
}

it('documents every served route, and only those', async () => {
  const reply = await call(system.baseUrl, 'GET', '/openapi.json', { key: null });
  expect(reply.status).toBe(200);
  const documented = Object.entries(reply.body.paths as Record<string, Record<string, unknown>>).flatMap(([route, ops]) =>
    Object.keys(ops).map((method) => `${method.toUpperCase()} ${route}`),
  );
  const served = servedRoutes();
  expect(served.length).toBeGreaterThanOrEqual(7);
  expect([...documented].sort()).toEqual([...served].sort());
});

it('describes the intake body with the schema the server validates with', async () => {
  const { body } = await call(system.baseUrl, 'GET', '/openapi.json', { key: null });
  const schema = body.paths['/v1/complaints'].post.requestBody.content['application/json'].schema;
  expect(schema.required).toEqual(expect.arrayContaining(['customer', 'channel', 'category', 'summary', 'description']));
  expect(schema.properties.channel.enum).toEqual(['phone', 'email', 'web', 'chat', 'social', 'letter', 'in_person', 'fax']);
  expect(schema.properties.severity.enum).toEqual(['low', 'normal', 'high', 'critical']);
  const parameters = body.paths['/v1/complaints'].post.parameters.map((p: { name: string }) => p.name);
  expect(parameters).toContain('Idempotency-Key');
});

it('serves the browsable documentation at /docs', async () => {
  const reply = await call(system.baseUrl, 'GET', '/docs', { key: null });
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toContain('text/html');
  expect(reply.text).toContain('swagger');
});

it('documents the X-Request-Id every answer carries', async () => {
  const reply = await call(system.baseUrl, 'GET', '/openapi.json', { key: null });
  const responses = Object.values(reply.body.paths as Record<string, Record<string, { responses: Record<string, { headers?: Record<string, { schema: { pattern: string } }> }> }>>)
    .flatMap((operations) => Object.values(operations))
    .flatMap((operation) => Object.values(operation.responses));
  expect(responses.length).toBeGreaterThan(50);
  expect(responses.filter((response) => !response.headers?.['X-Request-Id'])).toEqual([]);
  expect(reply.headers.get('x-request-id')).toMatch(new RegExp(responses[0].headers!['X-Request-Id'].schema.pattern));
});
