/**
 * Callbacks cannot reach inside, on the real stack. Intake refuses callback URLs whose
 * destination is not public on their face (422, nothing recorded) and honours what the
 * operator allows; delivery resolves the host through the worker's resolver port (the one
 * edge replaced here: DNS) and refuses a name that resolves inside, recording the failure
 * on the case, and never follows a redirect.
 */
import { randomUUID } from 'node:crypto';
import type { HostResolver, ResolvedAddress } from '../../libs/callbacks/src';
import { call, complaintBody, eventually, fileComplaint } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver';

describe('at intake', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startTestSystem({
      worker: false,
      webhookDestinations: { allowHttp: false, allowedHosts: 'hooks.partner.internal, 10.20.0.0/16' },
    });
  });

  afterAll(async () => {
    await system?.close();
  });

  /** Files a complaint with this callbackUrl; whether a case or an idempotency key was recorded. */
  async function file(callbackUrl: string) {
    const body = complaintBody({ callbackUrl });
    const key = randomUUID();
    const reply = await fileComplaint(system.baseUrl, body, 'intake', key);
    const customerId = (body.customer as { id: string }).id;
    const [row] = await system.db.query(
      `SELECT (SELECT count(*) FROM complaint_cases WHERE customer_id = $1)::int AS cases,
              (SELECT count(*) FROM idempotency_keys WHERE key = $2)::int AS keys`,
      [customerId, key],
    );
    return { reply, recorded: row as { cases: number; keys: number } };
  }

  it.each([
    ['http when it is not allowed', 'http://hooks.example.com/complaints', 'http is not allowed'],
    ['loopback', 'https://127.0.0.1/hook', '127.0.0.1 is loopback'],
    ['IPv6 loopback', 'https://[::1]/hook', '::1 is loopback'],
    ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/hook', 'loopback (IPv4-mapped 127.0.0.1)'],
    ['decimal loopback', 'https://2130706433/hook', '127.0.0.1 is loopback'],
    ['hexadecimal loopback', 'https://0x7f.0.0.1/hook', '127.0.0.1 is loopback'],
    ['private 10/8', 'https://10.0.0.5/hook', '10.0.0.5 is private'],
    ['private 172.16/12', 'https://172.16.8.1/hook', '172.16.8.1 is private'],
    ['private 192.168/16', 'https://192.168.1.20/hook', '192.168.1.20 is private'],
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data/', '169.254.169.254 is link-local'],
    ['IPv6 link-local', 'https://[fe80::1]/hook', 'fe80::1 is link-local'],
    ['IPv6 multicast', 'https://[ff02::1]/hook', 'ff02::1 is multicast'],
    ['unspecified', 'https://0.0.0.0/hook', '0.0.0.0 is unspecified'],
    ['localhost', 'https://localhost/hook', 'localhost is a local name'],
    ['a *.localhost name', 'https://api.localhost/hook', 'api.localhost is a local name'],
    ['credentials', 'https://user:pass@hooks.example.com/hook', 'credentials'],
    ['a private address outside the allowed range', 'https://10.21.0.1/hook', '10.21.0.1 is private'],
    ['a local name the operator did not allow', 'https://other.partner.internal/hook', 'local name'],
  ])('refuses %s with 422 naming why, and records nothing', async (_, url, reason) => {
    const { reply, recorded } = await file(url);

    // a well-formed URL the rule refuses: the request matches the schema, so 422, not 400
    expect(reply.status).toBe(422);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.type).toBe('urn:complaint-engine:problem:rule-violation');
    expect(reply.body.errors).toEqual([{ path: 'callbackUrl', message: expect.stringContaining(reason) }]);
    expect(reply.body.detail).toContain(reason);
    expect(recorded).toEqual({ cases: 0, keys: 0 });
  });

  it.each([
    ['a public https URL', 'https://hooks.intake.example.com/complaints?desk=1'],
    ['a host the operator allows by name', 'https://hooks.partner.internal/complaints'],
    ['an address in a range the operator allows', 'https://10.20.3.4/complaints'],
  ])('accepts %s', async (_, url) => {
    const { reply, recorded } = await file(url);

    expect(reply.status).toBe(201);
    expect(reply.body.callbackUrl).toBe(url);
    expect(recorded).toEqual({ cases: 1, keys: 1 });
  });

  it('says the rule in the OpenAPI description of callbackUrl', async () => {
    const document = (await call(system.baseUrl, 'GET', '/openapi.json', { key: null })).body;
    const schema = document.paths['/v1/complaints'].post.requestBody.content['application/json'].schema;
    const description: string = schema.properties.callbackUrl.description;
    expect(description).toMatch(/https to a public address/);
    expect(description).toMatch(/loopback, private, link-local/);
  });
});

describe('at delivery', () => {
  let system: TestSystem;
  let inside: HttpReceiver | undefined;
  let redirector: HttpReceiver | undefined;
  let insidePort: number;
  let redirectorPort: number;
  const reachedInside: string[] = [];
  const reachedRedirector: string[] = [];

  /** DNS, the edge: public-looking names that resolve to this machine. */
  const names: Record<string, ResolvedAddress[]> = {
    'hooks.rebinding.example': [{ address: '127.0.0.1', family: 4 }],
    'hooks.allowed.example': [{ address: '127.0.0.1', family: 4 }],
  };
  const resolver: HostResolver = {
    async resolve(hostname) {
      const found = names[hostname];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return found;
    },
  };

  beforeAll(async () => {
    inside = await startHttpReceiver((request, response) => {
      reachedInside.push(request.url ?? '/');
      request.resume();
      response.writeHead(204).end();
    });
    redirector = await startHttpReceiver((request, response) => {
      reachedRedirector.push(request.url ?? '/');
      request.resume();
      response.writeHead(302, { location: `http://127.0.0.1:${insidePort}/inside${request.url}` }).end();
    });
    [insidePort, redirectorPort] = [inside.port, redirector.port];
    system = await startTestSystem({
      taskQueue: `callbacks-${randomUUID()}`,
      webhookDestinations: { allowHttp: true, allowedHosts: 'hooks.allowed.example' },
      hostResolver: resolver,
    });
  });

  afterAll(async () => {
    await system?.close();
    await Promise.all([inside?.close(), redirector?.close()]);
  });

  async function notifications(id: string) {
    const reply = await call(system.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' });
    return (reply.body as { type: string; data: Record<string, any> }[]).filter((e) => e.type.startsWith('Notification'));
  }

  it('delivers to a name the operator allows, through the resolver, though it resolves inside', async () => {
    const route = `/allowed/${randomUUID()}`;
    const { body } = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `http://hooks.allowed.example:${insidePort}${route}` }));

    const sent = await eventually(async () => (await notifications(body.id)).find((e) => e.type === 'NotificationSent'), 30_000, 'the delivery');
    expect(sent.data).toMatchObject({ notificationType: 'complaint.acknowledged', status: 204 });
    expect(reachedInside).toContain(route);
  });

  it('refuses a public-looking name that resolves inside: nothing reaches the receiver, the case records a final failure', async () => {
    const route = `/rebinding/${randomUUID()}`;
    const filed = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `http://hooks.rebinding.example:${insidePort}${route}` }));
    expect(filed.status).toBe(201);

    // the webhook topic is shared by every test system of the run: wait for this worker's verdict
    const refused = await eventually(
      async () => (await notifications(filed.body.id)).find((e) => e.type === 'NotificationFailed' && String(e.data.error).startsWith('destination refused')),
      30_000,
      'the refusal recorded',
    );
    expect(refused.data).toMatchObject({ error: 'destination refused: 127.0.0.1 is loopback', status: null, final: true });
    const state = (await call(system.baseUrl, 'GET', `/v1/complaints/${filed.body.id}`, { key: 'agent' })).body;
    const notification = state.notifications.find((n: { notificationId: string }) => n.notificationId === refused.data.notificationId);
    expect(notification).toMatchObject({ abandoned: true, delivered: false, attempts: 1 });
    expect(reachedInside).not.toContain(route);
  });

  it('does not follow a redirect to an inside address', async () => {
    const route = `/redirect/${randomUUID()}`;
    const { body } = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `http://hooks.allowed.example:${redirectorPort}${route}` }));

    const failed = await eventually(
      async () => (await notifications(body.id)).find((e) => e.type === 'NotificationFailed' && e.data.status === 302),
      30_000,
      'the redirect recorded as a failure',
    );
    expect(failed.data.error).toBe('HTTP 302 (redirects are not followed)');
    expect(reachedRedirector).toContain(route);
    expect(reachedInside).not.toContain(`/inside${route}`);
  });
});
