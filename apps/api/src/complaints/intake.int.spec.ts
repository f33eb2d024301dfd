/**
 * Intake through HTTP on the real stack: store-first acknowledgment, idempotency in
 * PostgreSQL, authentication and roles, bad input refused with problem+json and nothing
 * recorded, any language round-tripping byte for byte, and the hash chain on the events.
 */
import { createHash, randomUUID } from 'node:crypto';
import { call, complaintBody, eventually, fileComplaint } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.close();
});

async function countRows(): Promise<{ events: number; cases: number; keys: number; outbox: number }> {
  const [row] = await system.db.query(`SELECT
    (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM complaint_cases)::int AS cases,
    (SELECT count(*) FROM idempotency_keys)::int AS keys, (SELECT count(*) FROM outbox)::int AS outbox`);
  return row;
}

describe('POST /v1/complaints', () => {
  it('acknowledges at once with a reference, deadlines from the policy and the queue as owner', async () => {
    const before = Date.now();
    const reply = await fileComplaint(system.baseUrl, complaintBody({ severity: 'high', category: 'billing' }));

    expect(reply.status).toBe(201);
    const body = reply.body;
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.headers.get('location')).toBe(`/v1/complaints/${body.id}`);
    expect(body.reference).toMatch(/^CR-\d{4}-\d{6}$/);
    expect(body.status).toBe('acknowledged');
    expect(body.severity).toBe('high');
    expect(body.owner).toBe('queue:billing');
    expect(body.policyVersion).toBe('default-2026-12-2');
    expect(body.version).toBe(2);
    expect(Date.parse(body.acknowledgedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(body.promisedResolutionBy).toBe(body.deadlines.promisedResolutionBy);
    // high: resolution P3D working time, regulatory P56D calendar
    expect(Date.parse(body.promisedResolutionBy)).toBeGreaterThan(Date.parse(body.acknowledgedAt) + 2 * 86_400_000);
    expect(Date.parse(body.deadlines.finalResponseBy) - Date.parse(body.receivedAt)).toBeGreaterThanOrEqual(
      55 * 86_400_000,
    );

    const read = await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}`, { key: 'agent' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ ...body, possibleDuplicates: [] });
  });

  it('records ComplaintReceived then ComplaintAcknowledged, hash-chained over the stored canonical bytes', async () => {
    const { body } = await fileComplaint(system.baseUrl);
    const events = await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}/events`, { key: 'auditor' });

    expect(events.status).toBe(200);
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['ComplaintReceived', 'ComplaintAcknowledged']);
    expect(events.body.map((e: { position: number }) => e.position)).toEqual([1, 2]);
    expect(events.body[0].previousHash).toBe('0'.repeat(64));
    expect(events.body[1].previousHash).toBe(events.body[0].hash);
    const stored: { canonical: string; hash: string }[] = await system.db.query(
      'SELECT canonical, hash FROM events WHERE stream_id = $1 ORDER BY stream_position',
      [`complaint-${body.id}`],
    );
    for (const row of stored) {
      expect(createHash('sha256').update(row.canonical, 'utf8').digest('hex')).toBe(row.hash);
    }
    expect(JSON.parse(stored[0].canonical).data).toEqual(events.body[0].data);
  });

  it('answers the same key and body with the same case (200), and a different body with 409', async () => {
    const key = randomUUID();
    const body = complaintBody();
    const first = await fileComplaint(system.baseUrl, body, 'intake', key);
    const again = await fileComplaint(system.baseUrl, body, 'intake', key);
    const different = await fileComplaint(system.baseUrl, { ...body, summary: 'something else' }, 'intake', key);

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(different.status).toBe(409);
    expect(different.headers.get('content-type')).toContain('application/problem+json');
    expect(different.body.type).toBe('urn:complaint-engine:problem:idempotency-key-reused');
  });

  it('turns 10 concurrent identical requests into one case with one pair of events', async () => {
    const key = randomUUID();
    const body = complaintBody();
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => fileComplaint(system.baseUrl, body, 'intake', key)),
    );

    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(replies.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    const [{ count }] = await system.db.query('SELECT count(*)::int AS count FROM events WHERE stream_id = $1', [
      `complaint-${id}`,
    ]);
    expect(count).toBe(2);
    const [{ cases }] = await system.db.query(
      `SELECT count(*)::int AS cases FROM complaint_cases WHERE customer_id = $1`,
      [(body.customer as { id: string }).id],
    );
    expect(cases).toBe(1);
  });

  it('keeps the same key of two different principals apart', async () => {
    const key = randomUUID();
    const a = await fileComplaint(system.baseUrl, complaintBody(), 'intake', key);
    const b = await fileComplaint(system.baseUrl, complaintBody(), 'intake2', key);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('round-trips Hebrew, Polish and emoji byte for byte through intake, events and reads', async () => {
    const summary = 'חויבתי פעמיים על אותה חשבונית 😡 — proszę o zwrot';
    const description =
      'שירות הלקוחות לא חזר אליי כבר שבוע. Zażółć gęślą jaźń! Obsługa klienta nie oddzwoniła. 👩🏽‍💼🧾\u200f(RTL mark)';
    const name = 'דנה כהן-Łukasiewicz';
    const { body } = await fileComplaint(
      system.baseUrl,
      complaintBody({ summary, description, customer: { id: `c-${randomUUID()}`, name, language: 'he-IL' } }),
    );
    const read = await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}`, { key: 'agent' });
    const events = await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}/events`, { key: 'auditor' });

    for (const view of [body, read.body, events.body[0].data]) {
      expect(Buffer.from(view.summary, 'utf8').equals(Buffer.from(summary, 'utf8'))).toBe(true);
      expect(Buffer.from(view.description, 'utf8').equals(Buffer.from(description, 'utf8'))).toBe(true);
      expect(view.customer.name).toBe(name);
    }
  });

  it('lets an intake key read only the cases it filed', async () => {
    const { body } = await fileComplaint(system.baseUrl, complaintBody(), 'intake');
    expect((await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}`, { key: 'intake' })).status).toBe(200);
    expect((await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}`, { key: 'intake2' })).status).toBe(403);
  });

  it('answers an unknown or malformed case id with 404 problem+json', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const reply = await call(system.baseUrl, 'GET', `/v1/complaints/${id}`, { key: 'agent' });
      expect(reply.status).toBe(404);
      expect(reply.body.type).toBe('urn:complaint-engine:problem:not-found');
    }
  });
});

describe('authentication and roles', () => {
  it('refuses a missing or unknown key with 401 and a role that may not with 403', async () => {
    const body = complaintBody();
    const headers = { 'idempotency-key': randomUUID() };
    const missing = await call(system.baseUrl, 'POST', '/v1/complaints', { key: null, body, headers });
    const unknown = await call(system.baseUrl, 'POST', '/v1/complaints', {
      key: null,
      body,
      headers: { ...headers, authorization: 'Bearer nope' },
    });
    const auditor = await call(system.baseUrl, 'POST', '/v1/complaints', { key: 'auditor', body, headers });
    const agentEvents = await call(system.baseUrl, 'GET', `/v1/complaints/${randomUUID()}/events`, { key: 'agent' });
    const intakeEvents = await call(system.baseUrl, 'GET', `/v1/complaints/${randomUUID()}/events`, { key: 'intake' });

    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expect(unknown.status).toBe(401);
    expect(auditor.status).toBe(403);
    expect(auditor.body.type).toBe('urn:complaint-engine:problem:forbidden');
    // the contract opens a case's events to agents, managers, directors and auditors, not to intake
    expect(agentEvents.status).toBe(404);
    expect(intakeEvents.status).toBe(403);
  });
});

describe('bad input', () => {
  const cases: [string, { rawBody?: string; body?: unknown; headers?: Record<string, string> }, number, string][] = [
    ['malformed JSON', { rawBody: '{"customer": {"id": "x"},' }, 400, 'malformed-json'],
    ['an unknown channel', { body: complaintBody({ channel: 'pigeon' }) }, 400, 'validation'],
    ['an unknown severity', { body: complaintBody({ severity: 'urgent' }) }, 400, 'validation'],
    ['a missing summary', { body: { ...complaintBody(), summary: undefined } }, 400, 'validation'],
    ['a missing customer id', { body: complaintBody({ customer: { name: 'x' } }) }, 400, 'validation'],
    ['a blank description', { body: complaintBody({ description: '   ' }) }, 400, 'validation'],
    ['a NUL character', { body: complaintBody({ summary: 'a\u0000b' }) }, 400, 'validation'],
    ['a bad e-mail', { body: complaintBody({ customer: { id: 'c', email: 'not-an-email' } }) }, 400, 'validation'],
    ['a receivedAt in the future', { body: complaintBody({ receivedAt: '2999-01-01T00:00:00Z' }) }, 422, 'rule-violation'],
    ['a non-http callbackUrl', { body: complaintBody({ callbackUrl: 'ftp://x.example/hook' }) }, 400, 'validation'],
    ['an array body', { body: [complaintBody()] }, 400, 'validation'],
    ['a 2 MB body', { rawBody: JSON.stringify(complaintBody({ description: 'x'.repeat(2 * 1024 * 1024) })) }, 413, 'payload-too-large'],
    ['no Idempotency-Key', { body: complaintBody(), headers: { 'idempotency-key': '' } }, 400, 'idempotency-key-required'],
  ];

  it.each(cases)('refuses %s with problem+json and records nothing', async (_, request, status, kind) => {
    const before = await countRows();
    const reply = await call(system.baseUrl, 'POST', '/v1/complaints', {
      key: 'intake',
      ...request,
      headers: { 'idempotency-key': randomUUID(), ...request.headers },
    });
    const after = await countRows();

    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body).toMatchObject({ type: `urn:complaint-engine:problem:${kind}`, status });
    expect(typeof reply.body.title).toBe('string');
    expect(typeof reply.body.detail).toBe('string');
    if (kind === 'validation' || kind === 'rule-violation') expect(reply.body.errors.length).toBeGreaterThan(0);
    expect(after.events).toBe(before.events);
    expect(after.keys).toBe(before.keys);
  });

  it('names each bad field in errors[]', async () => {
    const reply = await call(system.baseUrl, 'POST', '/v1/complaints', {
      key: 'intake',
      body: complaintBody({ channel: 'pigeon', customer: { email: 'x' } }),
      headers: { 'idempotency-key': randomUUID() },
    });
    const paths = reply.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['channel', 'customer.id', 'customer.email']));
  });
});

describe('the case workflow', () => {
  it('is started by the outbox relay for every accepted complaint', async () => {
    const { body } = await fileComplaint(system.baseUrl);
    const description = await eventually(async () => {
      const d = await system.temporal.workflow.getHandle(`complaint-${body.id}`).describe();
      return d.status.name === 'RUNNING' ? d : undefined;
    }, 30_000, 'the workflow to run');
    expect(description.type).toBe('complaintWorkflow');
    // the relay marks its row done once the start succeeded (just after the workflow runs)
    await eventually(async () => {
      const [{ pending }] = await system.db.query(
        `SELECT count(*)::int AS pending FROM outbox WHERE stream_id = $1 AND processed_at IS NULL`,
        [`complaint-${body.id}`],
      );
      return pending === 0 || undefined;
    }, 30_000, 'the outbox row to be delivered');
  });
});
