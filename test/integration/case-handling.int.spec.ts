/**
 * Case handling through the HTTP API on the real stack, with the seconds-scale test
 * policy (24x7 calendar; high severity: first contact 10 s, update interval 20 s,
 * handoff acceptance 10 s). Timers are real durable Temporal timers; tests that wait on
 * them run concurrently.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { repoRoot } from '../../libs/config/src';
import { call, complaintBody, eventually, fileComplaint, type KeyName } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({
    policyFile: path.join(repoRoot(), 'policies/test-fast.yaml'),
    taskQueue: `case-handling-${randomUUID()}`,
  });
});

afterAll(async () => {
  await system?.close();
});

async function newCase(overrides: Record<string, unknown> = {}) {
  const reply = await fileComplaint(system.baseUrl, complaintBody({ severity: 'high', ...overrides }));
  expect(reply.status).toBe(201);
  return reply.body.id as string;
}

function act(id: string, route: string, key: KeyName, body: unknown = {}) {
  return call(system.baseUrl, 'POST', `/v1/complaints/${id}${route}`, { key, body });
}

async function caseOf(id: string) {
  return (await call(system.baseUrl, 'GET', `/v1/complaints/${id}`, { key: 'manager' })).body;
}

async function eventTypes(id: string): Promise<string[]> {
  const reply = await call(system.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' });
  return reply.body.map((e: { type: string }) => e.type);
}

async function events(id: string) {
  return (await call(system.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' })).body as {
    type: string;
    data: Record<string, any>;
    actor: { principal: string };
  }[];
}

function waitForEvent(id: string, predicate: (e: { type: string; data: Record<string, any> }) => boolean, what: string) {
  return eventually(async () => (await events(id)).find(predicate), 60_000, what);
}

describe('ownership', () => {
  it('lets an agent take a case from its queue at once', async () => {
    const id = await newCase();
    expect((await caseOf(id)).owner).toBe('queue:billing');

    const taken = await act(id, '/assignment', 'agent', { to: 'alice' });

    expect(taken.status).toBe(200);
    expect(taken.body.events.map((e: { type: string }) => e.type)).toEqual(['OwnerAssigned']);
    expect(taken.body.case).toMatchObject({ owner: 'alice', status: 'investigating' });
  });

  it('keeps a handoff pending until the named person accepts; nobody else can', async () => {
    const id = await newCase();
    await act(id, '/assignment', 'agent', { to: 'alice' });

    const handoff = await act(id, '/assignment', 'agent', { to: 'bob', note: 'bob speaks Hebrew' });
    expect(handoff.status).toBe(200);
    expect(handoff.body.case.owner).toBe('alice');
    expect(handoff.body.case.pendingHandoff).toMatchObject({ from: 'alice', to: 'bob' });

    const wrongPerson = await act(id, '/assignment/acceptance', 'manager');
    expect(wrongPerson.status).toBe(403);
    const accepted = await act(id, '/assignment/acceptance', 'agent2');
    expect(accepted.status).toBe(200);
    expect(accepted.body.case).toMatchObject({ owner: 'bob', pendingHandoff: null });
    expect(await eventTypes(id)).toEqual(
      expect.arrayContaining(['OwnerAssigned', 'HandoffRequested', 'HandoffAccepted']),
    );
  });

  it('refuses a handoff to a principal that does not exist, and acceptance with none pending', async () => {
    const id = await newCase();
    const unknown = await act(id, '/assignment', 'agent', { to: 'nobody-here' });
    const nothingPending = await act(id, '/assignment/acceptance', 'agent');
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('to');
    expect(nothingPending.status).toBe(409);
    expect(nothingPending.headers.get('content-type')).toContain('application/problem+json');
  });

  it.concurrent('returns an unaccepted handoff to its owner and escalates when it expires', async () => {
    // low severity: its first-contact deadline (40 s) cannot add an `unassigned` escalation meanwhile
    const id = await newCase({ severity: 'low' });
    await act(id, '/assignment', 'agent', { to: 'alice' });
    await act(id, '/assignment', 'agent', { to: 'bob' });

    const expired = await waitForEvent(id, (e) => e.type === 'HandoffExpired', 'the handoff to expire');
    expect(expired.data).toMatchObject({ to: 'bob', returnedTo: 'alice' });
    const escalated = await waitForEvent(id, (e) => e.type === 'Escalated' && e.data.reason === 'handoff-expired', 'escalation');
    expect(escalated.data).toMatchObject({ fromLevel: 0, toLevel: 1, role: 'manager', owner: 'queue:billing:manager', previousOwner: 'alice' });
    const state = await caseOf(id);
    expect(state).toMatchObject({ owner: 'queue:billing:manager', escalationLevel: 1, pendingHandoff: null });
  });
});

describe('escalation', () => {
  it('escalates on request, naming the reason and the new owner, up to the top of the ladder', async () => {
    const id = await newCase();
    const first = await act(id, '/escalations', 'intake', { reason: 'Klient prosi o rozmowę z kierownikiem' });
    const second = await act(id, '/escalations', 'agent', { reason: 'needs a director' });
    const third = await act(id, '/escalations', 'agent', { reason: 'again' });

    expect(first.status).toBe(201);
    expect(first.body.events[0].data).toMatchObject({ reason: 'requested', toLevel: 1, role: 'manager', owner: 'queue:billing:manager', note: 'Klient prosi o rozmowę z kierownikiem' });
    expect(second.body.case).toMatchObject({ escalationLevel: 2, owner: 'queue:billing:director' });
    expect(third.status).toBe(409);
    // only the top rung may own it now, and a director can take and work it
    expect((await act(id, '/assignment', 'manager', { to: 'maria' })).status).toBe(403);
    expect((await act(id, '/assignment', 'director', { to: 'dora' })).body.case.owner).toBe('dora');
    expect((await act(id, '/contacts', 'director', { kind: 'call', summary: 'director called the customer' })).status).toBe(201);
  });

  it('lets only a principal at the case’s rung or above take it', async () => {
    const id = await newCase();
    await act(id, '/escalations', 'agent', { reason: 'customer asked for a manager' });
    expect((await act(id, '/assignment', 'agent', { to: 'alice' })).status).toBe(403);
    expect((await act(id, '/assignment', 'manager', { to: 'maria' })).body.case.owner).toBe('maria');
  });

  it.concurrent('escalates a critical complaint at once, for its severity', async () => {
    const id = await newCase({ severity: 'critical' });
    const escalated = await waitForEvent(id, (e) => e.type === 'Escalated', 'severity escalation');
    expect(escalated.data).toMatchObject({ reason: 'severity', toLevel: 1, owner: 'queue:billing:manager' });
  });

  it.concurrent('escalates a case still in its queue when the first-contact deadline passes (unassigned)', async () => {
    const id = await newCase();
    const escalated = await waitForEvent(id, (e) => e.type === 'Escalated', 'unassigned escalation');
    expect(escalated.data).toMatchObject({ reason: 'unassigned', previousOwner: 'queue:billing', owner: 'queue:billing:manager' });
  });

  it.concurrent('escalates a case nobody acts on for the update interval (inactivity)', async () => {
    const id = await newCase();
    await act(id, '/assignment', 'agent', { to: 'alice' });
    await act(id, '/contacts', 'agent', { kind: 'call', summary: 'first call' });
    const escalated = await waitForEvent(id, (e) => e.type === 'Escalated', 'inactivity escalation');
    expect(escalated.data).toMatchObject({ reason: 'inactivity', previousOwner: 'alice', toLevel: 1 });
  });
});

describe('contacts and information requests', () => {
  it('records the first contact as meeting the first-contact deadline', async () => {
    const id = await newCase();
    const contact = await act(id, '/contacts', 'agent', { kind: 'call', summary: 'שוחחתי עם הלקוחה, היא מחכה להחזר' });
    const second = await act(id, '/contacts', 'agent', { kind: 'email', summary: 'sent the summary' });
    expect(contact.status).toBe(201);
    expect(contact.body.events[0].data).toMatchObject({ kind: 'call', firstContact: true, late: false });
    expect(second.body.events[0].data.firstContact).toBe(false);
    expect(second.body.case.firstContactAt).toBe(contact.body.case.firstContactAt);
  });

  it('pauses the SLA clock while waiting on the customer and resumes it on the reply', async () => {
    const id = await newCase();
    const asked = await act(id, '/information-requests', 'agent', { question: 'Proszę o numer faktury.' });
    expect(asked.status).toBe(201);
    expect(asked.body.case.status).toBe('awaiting_customer');
    expect(asked.body.case.clocks.slaPausedSince).toEqual(expect.any(String));
    const secondQuestion = await act(id, '/information-requests', 'agent', { question: 'and another?' });
    expect(secondQuestion.status).toBe(409);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const replied = await act(id, '/customer-messages', 'intake', { text: 'Faktura nr 2026/114' });

    expect(replied.status).toBe(201);
    const data = replied.body.events[0].data;
    expect(data.requestId).toBe(asked.body.events[0].data.requestId);
    expect(data.pausedMs).toBeGreaterThanOrEqual(1_000);
    expect(replied.body.case.status).toBe('investigating');
    expect(replied.body.case.clocks).toEqual({ slaPausedMs: data.pausedMs, slaPausedSince: null });
    // the regulatory clock never pauses
    expect(replied.body.case.deadlines.finalResponseBy).toBe(asked.body.case.deadlines.finalResponseBy);
  });

  it('lets only intake keys relay customer messages', async () => {
    const id = await newCase();
    expect((await act(id, '/customer-messages', 'agent', { text: 'hi' })).status).toBe(403);
  });
});

describe('the promise ledger', () => {
  it('refuses a revision without a reason or into the past', async () => {
    const id = await newCase();
    const past = await act(id, '/promise', 'agent', { resolveBy: '2020-01-01T00:00:00Z', reason: 'x' });
    const noReason = await act(id, '/promise', 'agent', { resolveBy: new Date(Date.now() + 60_000).toISOString() });
    expect(past.status).toBe(422); // well-formed, but a promise must lie ahead: a rule
    expect(noReason.status).toBe(400);
  });

  it.concurrent('warns before a revised promise falls due, then records it broken and escalates', async () => {
    const id = await newCase();
    await act(id, '/assignment', 'agent', { to: 'alice' });
    const resolveBy = new Date(Date.now() + 4_000).toISOString();
    const revised = await act(id, '/promise', 'agent', { resolveBy, reason: 'waiting for the courier’s report' });
    expect(revised.status).toBe(200);
    expect(revised.body.events[0]).toMatchObject({ type: 'PromiseRevised', data: { promiseId: 'resolution-1', dueBy: resolveBy } });
    expect(revised.body.case.promisedResolutionBy).toBe(resolveBy);

    await waitForEvent(id, (e) => e.type === 'PromiseWarning', 'the promise warning');
    await waitForEvent(id, (e) => e.type === 'PromiseBroken', 'the broken promise');
    const types = await eventTypes(id);
    expect(types.indexOf('PromiseWarning')).toBeLessThan(types.indexOf('PromiseBroken'));
    const reasons = (await events(id)).filter((e) => e.type === 'Escalated').map((e) => e.data.reason);
    expect(reasons.slice(0, 2)).toEqual(['promise-warning', 'promise-breached']);
    const state = await caseOf(id);
    expect(state.promises[0]).toMatchObject({ promiseId: 'resolution-1', status: 'broken', warned: true, revisions: [expect.objectContaining({ reason: 'waiting for the courier’s report' })] });

    const breached = await call(system.baseUrl, 'GET', `/v1/complaints?breached=true&limit=200`, { key: 'manager' });
    expect(breached.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it.concurrent('keeps a call-back promise with a call before it is due, and breaks one nobody honours', async () => {
    const kept = await newCase();
    const broken = await newCase();
    for (const id of [kept, broken]) {
      const promised = await act(id, '/callback-promises', 'agent', { by: new Date(Date.now() + 3_000).toISOString(), reason: 'customer asked for a call after lunch' });
      expect(promised.status).toBe(201);
      expect(promised.body.events[0].data).toMatchObject({ promiseId: 'callback-1', kind: 'callback' });
    }
    const call1 = await act(kept, '/contacts', 'agent', { kind: 'call', summary: 'called back as promised' });
    expect(call1.body.events.map((e: { type: string }) => e.type)).toEqual(['CustomerContacted', 'PromiseKept']);

    await waitForEvent(broken, (e) => e.type === 'PromiseBroken' && e.data.promiseId === 'callback-1', 'broken call-back');
    expect((await caseOf(kept)).promises.find((p: { promiseId: string }) => p.promiseId === 'callback-1').status).toBe('kept');
  });
});

describe('the case list', () => {
  it('filters by segment and status and pages with a cursor, newest first', async () => {
    const segment = `seg-${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await newCase({ customer: { id: `c-${randomUUID()}`, segment } }));
    await act(ids[0], '/information-requests', 'agent', { question: 'which invoice?' });

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const page: any = await call(system.baseUrl, 'GET', `/v1/complaints?segment=${segment}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key: 'agent' });
      expect(page.status).toBe(200);
      pages.push(page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual([...ids].reverse());
    const waiting = await call(system.baseUrl, 'GET', `/v1/complaints?segment=${segment}&status=awaiting_customer`, { key: 'auditor' });
    expect(waiting.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
    const bad = await call(system.baseUrl, 'GET', `/v1/complaints?status=lost&cursor=zzz`, { key: 'agent' });
    expect(bad.status).toBe(400);
    expect((await call(system.baseUrl, 'GET', '/v1/complaints', { key: 'intake' })).status).toBe(403);
  });
});

describe('the same complaint twice', () => {
  it('flags a newer open case of the same customer and category, on both cases, without merging', async () => {
    const customer = { id: `c-${randomUUID()}`, name: 'Marta Zielińska' };
    const older = await newCase({ customer, channel: 'phone' });
    const newer = await newCase({ customer, channel: 'email', summary: 'Znowu podwójna opłata' });
    const otherCategory = await newCase({ customer, category: 'delivery' });

    expect((await caseOf(newer)).possibleDuplicateOf).toBe(older);
    expect((await caseOf(older)).possibleDuplicates).toEqual([newer]);
    expect((await caseOf(otherCategory)).possibleDuplicateOf).toBeNull();
    expect((await caseOf(newer)).status).toBe('acknowledged');
  });

  it('merges the newer case into the older: the newer closes as merged, settling what was open on it; the older records its channel and text', async () => {
    const customer = { id: `c-${randomUUID()}` };
    const older = await newCase({ customer, channel: 'phone' });
    const newer = await newCase({ customer, channel: 'email', summary: 'Second e-mail about the double charge', description: 'נשלח שוב במייל' });
    const proposed = await act(newer, '/compensation-proposals', 'agent', { type: 'refund', amount: { minor: 20_000, currency: 'EUR' }, rationale: 'the duplicate charge' });
    expect(proposed.body).toMatchObject({ status: 'pending_approval' });

    const wrongWay = await act(older, '/merge', 'agent', { into: newer });
    expect(wrongWay.status).toBe(422);
    const merged = await act(newer, '/merge', 'agent', { into: older });
    expect(merged.status).toBe(200);
    expect(merged.body.case).toMatchObject({ status: 'closed', closure: 'merged', mergedInto: older });
    // every closure settles the case: the open promise is broken (closed), the waiting proposal rejected
    expect(merged.body.case.promises).toEqual([expect.objectContaining({ promiseId: 'resolution-1', status: 'broken' })]);
    expect(merged.body.case.compensation).toEqual([
      expect.objectContaining({ proposalId: proposed.body.proposalId, status: 'rejected', decidedBy: 'system' }),
    ]);
    expect(merged.body.into.merged).toEqual([
      expect.objectContaining({ complaintId: newer, channel: 'email', summary: 'Second e-mail about the double charge', description: 'נשלח שוב במייל' }),
    ]);
    const again = await act(newer, '/merge', 'agent', { into: older });
    expect(again.status).toBe(200);
    expect((await caseOf(older)).merged).toHaveLength(1);

    expect(await eventTypes(newer)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'CompensationProposed',
      'CompensationRejected',
      'PromiseBroken',
      'ComplaintClosed',
    ]);
    expect((await eventTypes(older)).filter((t) => t === 'ComplaintMerged')).toHaveLength(1);
    const note = await act(newer, '/notes', 'agent', { text: 'too late' });
    expect(note.status).toBe(409);
    expect(note.body.type).toBe('urn:complaint-engine:problem:case-closed');
  });
});
