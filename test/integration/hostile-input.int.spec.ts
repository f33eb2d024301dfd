/**
 * No input wedges a case, tried from outside as an attacker would, on the real API, worker,
 * PostgreSQL and Temporal: every class of input the engine cannot hold is refused at the
 * door with problem+json naming what is wrong, records nothing, and leaves the case taking
 * the next valid action. Content that slips past the door (sent to the workflow directly,
 * bypassing the API) fails its action with `content-refused` and leaves the case usable too.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { addNoteUpdate, complaintWorkflowId } from '../../workflows/complaint/messages';
import { call, complaintBody, eventually, fileComplaint } from '../support/http';
import { startTestSystem, TEST_KEYS, type TestSystem } from '../support/test-system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ policyFile: path.join(__dirname, '../../policies/default.yaml') });
});

afterAll(async () => {
  await system?.close();
});

async function counts() {
  const [row] = await system.db.query(
    `SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM idempotency_keys)::int AS keys`,
  );
  return row as { events: number; keys: number };
}

/** A raw request: bytes as given, no JSON encoding on our side. */
async function raw(method: string, route: string, body: string | Uint8Array | undefined, headers: Record<string, string> = {}) {
  const response = await fetch(`${system.baseUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${TEST_KEYS.agent}`, 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function openCase(): Promise<string> {
  const reply = await fileComplaint(system.baseUrl, complaintBody({ description: 'Zapłaciłam dwa razy za fakturę 2026/114.' }));
  expect(reply.status).toBe(201);
  const id = reply.body.id as string;
  await eventually(async () => ((await system.temporal.workflow.getHandle(complaintWorkflowId(id)).describe()).status.name === 'RUNNING' ? true : undefined), 30_000, 'the workflow');
  return id;
}

async function noteIsTaken(id: string, text = `dalej ${randomUUID()}`): Promise<void> {
  const note = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/notes`, { key: 'agent', body: { text } });
  expect(note.status).toBe(201);
  expect(note.body.note.text).toBe(text);
}

function expectProblem(reply: { status: number; headers: Headers; body: any }, status: number, path?: string) {
  expect(reply.status).toBe(status);
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  expect(reply.body).toMatchObject({ status, type: expect.stringMatching(/^urn:complaint-engine:problem:/), detail: expect.any(String) });
  if (path) expect(reply.body.errors.map((e: { path: string }) => e.path)).toContain(path);
}

describe('the door refuses what the engine cannot hold, records nothing, and names it', () => {
  const intake = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    raw('POST', '/v1/complaints', body, { authorization: `Bearer ${TEST_KEYS.intake}`, 'idempotency-key': randomUUID(), ...headers });
  const validJson = JSON.stringify(complaintBody());

  it.each([
    ['a lone high surrogate in a JSON escape', validJson.replace('"Charged twice', '"Charged \\ud800twice'), 'summary'],
    ['a lone low surrogate in a field name', validJson.replace('"summary"', '"sum\\udc00mary"'), undefined],
    ['U+0000 in a JSON escape', validJson.replace('"Charged twice', '"Charged\\u0000 twice'), 'summary'],
  ])('%s: 400', async (_, body, field) => {
    const before = await counts();
    expectProblem(await intake(body), 400, field);
    expect(await counts()).toEqual(before);
  });

  it('invalid UTF-8 bytes: 400, never silently replaced', async () => {
    const before = await counts();
    const bytes = Buffer.concat([Buffer.from(validJson.slice(0, 40)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(validJson.slice(40))]);
    const reply = await intake(bytes);
    expectProblem(reply, 400);
    expect(reply.body.detail).toMatch(/UTF-8/);
    expect(await counts()).toEqual(before);
  });

  it('a misspelt or unknown field: 400 naming it, at any depth, in a body or a query', async () => {
    const before = await counts();
    const misspelt = { ...complaintBody(), summray: 'typo' };
    const nested = complaintBody({ customer: { id: 'c-1', emial: 'x@example.com' } });
    expectProblem(await intake(JSON.stringify(misspelt)), 400, 'summray');
    expectProblem(await intake(JSON.stringify(nested)), 400, 'customer.emial');
    expectProblem(await raw('GET', '/v1/complaints?stauts=closed', undefined), 400, 'query.stauts');
    expect(await counts()).toEqual(before);
  });

  it('a body that is not JSON: 415; a JSON body in another charset: 415', async () => {
    const before = await counts();
    expectProblem(await intake('summary=x&channel=phone', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
    expectProblem(await intake('Charged twice', { 'content-type': 'text/plain' }), 415);
    expectProblem(await intake(validJson, { 'content-type': 'application/json; charset=latin1' }), 415);
    expect(await counts()).toEqual(before);
  });

  it('numbers beyond what JavaScript holds exactly: 400', async () => {
    const id = await openCase();
    for (const minor of ['9007199254740993', '1e400', '-1', '12.5']) {
      const body = `{"type":"refund","amount":{"minor":${minor},"currency":"EUR"},"rationale":"zwrot"}`;
      expectProblem(await raw('POST', `/v1/complaints/${id}/compensation-proposals`, body), 400, 'amount.minor');
    }
    await noteIsTaken(id);
  });

  it('a method a path does not serve: 405 with Allow; OPTIONS: 204 with Allow; a percent-escape that is not UTF-8: 400', async () => {
    const trace = await raw('DELETE', `/v1/complaints/${randomUUID()}/notes`, undefined);
    expectProblem(trace, 405);
    expect(trace.headers.get('allow')).toBe('OPTIONS, POST');
    const options = await fetch(`${system.baseUrl}/v1/complaints`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expectProblem(await raw('GET', '/v1/complaints?owner=%ED%A0%80', undefined), 400);
    expectProblem(await raw('GET', '/v1/complaints?owner=a%00b', undefined), 400);
  });

  it('dates outside what the case makes sense of: 422 naming the field, decided at once, and the case goes on', async () => {
    const before = await counts();
    for (const receivedAt of ['0001-01-01T00:00:00Z', '2999-01-01T00:00:00Z', new Date(Date.now() - 400 * 86_400_000).toISOString()]) {
      expectProblem(await intake(JSON.stringify(complaintBody({ receivedAt }))), 422, 'receivedAt');
    }
    expect(await counts()).toEqual(before);
    const id = await openCase();
    for (const resolveBy of ['9999-12-31T23:59:59Z', '2526-11-24T10:00:00+14:00', new Date(Date.now() + 120 * 86_400_000).toISOString()]) {
      expectProblem(await raw('POST', `/v1/complaints/${id}/promise`, JSON.stringify({ resolveBy, reason: 'później' })), 422, 'resolveBy');
    }
    expectProblem(await raw('POST', `/v1/complaints/${id}/callback-promises`, JSON.stringify({ by: '9999-12-31T23:59:59Z', reason: 'x' })), 422, 'by');
    await noteIsTaken(id);
  });
});

describe('content that slips past the door', () => {
  it('fails its action with content-refused (the store will not hold it) and leaves the case taking the next action', async () => {
    const id = await openCase();
    const handle = system.temporal.workflow.getHandle(complaintWorkflowId(id));
    const refused = handle.executeUpdate(addNoteUpdate, { args: [{ actor: { principal: 'alice', role: 'agent' }, command: { text: 'a\ud800b' } }] });
    await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(refused).rejects.toMatchObject({ cause: { type: 'content-refused' } });
    await noteIsTaken(id);
    const events = await call(system.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' });
    expect(events.body.map((e: { type: string }) => e.type)).toEqual(['ComplaintReceived', 'ComplaintAcknowledged', 'NoteAdded']);
  });
});

describe('after any refused action the case takes the next valid one (property, real stack)', () => {
  /** Hostile or merely wrong actions, each refused with a 4xx. */
  const hostile = fc.constantFrom(
    { route: '/notes', body: '{"text":"\\ud83d"}' },
    { route: '/notes', body: '{"text":"   "}' },
    { route: '/notes', body: '{"txt":"typo"}' },
    { route: '/notes', body: '{"text":' },
    { route: '/promise', body: '{"resolveBy":"9999-12-31T23:59:59Z","reason":"x"}' },
    { route: '/promise', body: '{"resolveBy":"2020-01-01T00:00:00Z","reason":"x"}' },
    { route: '/callback-promises', body: '{"by":"0001-01-01T00:00:00Z","reason":"x"}' },
    { route: '/compensation-proposals', body: '{"type":"refund","amount":{"minor":1e400,"currency":"EUR"},"rationale":"x"}' },
    { route: '/compensation-proposals', body: '{"type":"instalment_plan","amount":{"minor":100,"currency":"EUR"},"rationale":"x","instalments":{"count":2,"amounts":[{"minor":1,"currency":"EUR"},{"minor":1,"currency":"EUR"}],"dueDates":["2027-01-01","2026-01-01"]}}' },
    { route: '/assignment', body: '{"to":"nobody-at-all"}' },
    { route: '/merge', body: `{"into":"${randomUUID()}"}` },
    { route: '/resolution', body: '{"outcome":"upheld","summary":"s","responseText":"Dear [NAME], that is our policy."}' },
    { route: '/assignment/acceptance', body: '{}' },
  );

  it('holds for any run of refused actions', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 3, maxLength: 6 }), async (steps) => {
        const id = await openCase();
        for (const step of steps) {
          const reply = await raw('POST', `/v1/complaints/${id}${step.route}`, step.body);
          expect(reply.status).toBeGreaterThanOrEqual(400);
          expect(reply.status).toBeLessThan(500);
          refused += 1;
          await noteIsTaken(id);
        }
      }),
      { numRuns: 4 },
    );
    expect(refused).toBeGreaterThanOrEqual(12);
  }, 240_000);
});
