/** The API serves the built console at /console: files, deep links, its security headers. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { call } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';

const INDEX = '<!doctype html><html><head><script type="module" src="/console/assets/app-3f9a1c.js"></script></head><body><div id="root"></div></body></html>';
const ASSET = 'console.log("the console");\n';

let system: TestSystem;
let consoleDir: string;

beforeAll(async () => {
  consoleDir = await mkdtemp(path.join(tmpdir(), 'console-'));
  await mkdir(path.join(consoleDir, 'assets'));
  await writeFile(path.join(consoleDir, 'index.html'), INDEX);
  await writeFile(path.join(consoleDir, 'assets', 'app-3f9a1c.js'), ASSET);
  await writeFile(path.join(consoleDir, '.env'), 'SECRET=1');
  system = await startTestSystem({ worker: false, consoleDir });
});

afterAll(async () => {
  await system?.close();
  await rm(consoleDir, { recursive: true, force: true });
});

it.each(['/console', '/console/', '/console/cases/8d7c2c55-7a4e-4b8e-9d1e-0c6f1f3e2a10', '/console/approvals'])(
  'answers the console page at %s, revalidated on every visit, without a key',
  async (route) => {
    const reply = await call(system.baseUrl, 'GET', route, { key: null });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/html');
    expect(reply.headers.get('cache-control')).toBe('no-cache');
    expect(reply.text).toBe(INDEX);
  },
);

it('serves a hashed asset with its bytes, cached as immutable', async () => {
  const reply = await call(system.baseUrl, 'GET', '/console/assets/app-3f9a1c.js', { key: null });
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toContain('javascript');
  expect(reply.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(reply.text).toBe(ASSET);
});

it('answers 404 problem for a missing asset, not the page', async () => {
  const reply = await call(system.baseUrl, 'GET', '/console/assets/app-000000.js', { key: null });
  expect(reply.status).toBe(404);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
});

it('never serves a file outside the folder or a hidden one', async () => {
  for (const route of ['/console/..%2f..%2fpackage.json', '/console/%2e%2e/%2e%2e/package.json', '/console/.env']) {
    const reply = await call(system.baseUrl, 'GET', route, { key: null });
    expect(reply.text).not.toContain('SECRET');
    expect(reply.text).not.toContain('"name"');
  }
});

it('sends the security headers: same-origin only, no framing', async () => {
  const reply = await call(system.baseUrl, 'GET', '/console/cases/x', { key: null });
  const csp = reply.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("img-src 'self' data:");
  expect(csp).toContain("font-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
});

it('leaves the Swagger UI at /docs its own policy, not the console’s (its inline script runs)', async () => {
  const reply = await call(system.baseUrl, 'GET', '/docs', { key: null });
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-inline'");
});

it('serves HEAD, and answers 405 with Allow for other methods', async () => {
  const head = await fetch(`${system.baseUrl}/console/approvals`, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('content-type')).toContain('text/html');
  const post = await call(system.baseUrl, 'POST', '/console', { key: null, body: {} });
  expect(post.status).toBe(405);
  expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  expect(post.headers.get('content-type')).toContain('application/problem+json');
  const options = await call(system.baseUrl, 'OPTIONS', '/console/assets/app-3f9a1c.js', { key: null });
  expect(options.status).toBe(204);
  expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
});

it('is not part of the OpenAPI document', async () => {
  const { body } = await call(system.baseUrl, 'GET', '/openapi.json', { key: null });
  expect(Object.keys(body.paths).filter((p) => p.startsWith('/console'))).toEqual([]);
});

it('says how to build the console when it is not built', async () => {
  await rm(consoleDir, { recursive: true, force: true });
  const reply = await call(system.baseUrl, 'GET', '/console/cases', { key: null });
  expect(reply.status).toBe(404);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  expect(reply.body.detail).toContain('the console is not built');
  expect(reply.body.detail).toContain('npm run build');
});
