/**
 * Decisions through the HTTP API on the real stack with the seconds-scale test policy:
 * compensation within and above authority (four eyes, limits, one decision, approval
 * deadlines), the final response checked before it goes out, a second reviewer, and the
 * customer's satisfaction closing, reopening or timing out; withdrawal at any time.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../libs/config/src';
import { call, complaintBody, eventually, fileComplaint, type KeyName } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

const GOOD_RESPONSE =
  'Dear customer, we have refunded the duplicate charge of EUR 45.00 to your card. We are sorry for the trouble. ' +
  'If you are not satisfied with this answer you can refer your complaint to the ombudsman.';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ policyFile: path.join(repoRoot(), 'policies/test-fast.yaml'), taskQueue: `decisions-${randomUUID()}` });
});

afterAll(async () => {
  await system?.close();
});

function act(sys: TestSystem, id: string, route: string, key: KeyName, body: unknown = {}) {
  return call(sys.baseUrl, 'POST', `/v1/complaints/${id}${route}`, { key, body });
}

async function takenCase(sys: TestSystem = system, customerId = `c-${randomUUID()}`): Promise<string> {
  const reply = await fileComplaint(sys.baseUrl, complaintBody({ customer: { id: customerId } }));
  expect(reply.status).toBe(201);
  expect((await act(sys, reply.body.id, '/assignment', 'agent', { to: 'alice' })).status).toBe(200);
  return reply.body.id;
}

async function caseOf(id: string, sys: TestSystem = system) {
  return (await call(sys.baseUrl, 'GET', `/v1/complaints/${id}`, { key: 'manager' })).body;
}

async function eventTypes(id: string, sys: TestSystem = system): Promise<string[]> {
  return (await call(sys.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' })).body.map((e: { type: string }) => e.type);
}

const eur = (minor: number) => ({ minor, currency: 'EUR' });

describe('the happy path', () => {
  it('resolves, keeps the promise, asks for satisfaction and closes confirmed', async () => {
    const id = await takenCase();
    await act(system, id, '/contacts', 'agent', { kind: 'call', summary: 'explained the refund' });
    const resolved = await act(system, id, '/resolution', 'agent', { outcome: 'upheld', summary: 'duplicate charge refunded', responseText: GOOD_RESPONSE });

    expect(resolved.status).toBe(201);
    expect(resolved.body.case.status).toBe('resolved');
    expect(resolved.body.case.resolution).toMatchObject({ outcome: 'upheld', summaryResolution: true, satisfactionDueBy: expect.any(String) });
    expect(resolved.body.events.map((e: { type: string }) => e.type)).toEqual(['ResolutionIssued', 'PromiseKept']);

    const answered = await act(system, id, '/satisfaction', 'intake', { satisfied: true, score: 9, comment: 'תודה רבה!' });
    expect(answered.status).toBe(200);
    expect(answered.body.case).toMatchObject({ status: 'closed', closure: 'confirmed', satisfaction: { satisfied: true, score: 9, comment: 'תודה רבה!' } });
    expect(await eventTypes(id)).toEqual(expect.arrayContaining(['ResolutionIssued', 'PromiseKept', 'SatisfactionConfirmed', 'ComplaintClosed']));
    expect((await act(system, id, '/notes', 'agent', { text: 'late' })).status).toBe(409);
  });
});

describe('compensation', () => {
  it('approves at once within the first rung’s limit', async () => {
    const id = await takenCase();
    const reply = await act(system, id, '/compensation-proposals', 'agent', { type: 'refund', amount: eur(4_500), rationale: 'duplicate charge' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: 'approved', requiredRole: 'agent' });
    expect(reply.body.events.map((e: { type: string }) => e.type)).toEqual(['CompensationProposed', 'CompensationApproved']);
    expect(reply.body.case.compensation[0]).toMatchObject({ status: 'approved', amount: eur(4_500), goodwill: false });
  });

  it('above the limit waits for a manager, shows in the inbox with the customer’s history, and is decided once', async () => {
    const customer = `c-${randomUUID()}`;
    const earlier = await takenCase(system, customer);
    await act(system, earlier, '/compensation-proposals', 'agent', { type: 'goodwill', amount: eur(1_000), rationale: 'gesture' });
    const id = await takenCase(system, customer);
    const proposed = await act(system, id, '/compensation-proposals', 'agent', { type: 'credit', amount: eur(20_000), rationale: 'three months of service' });
    expect(proposed.body).toMatchObject({ status: 'pending_approval', requiredRole: 'manager' });
    expect(proposed.body.case.status).toBe('awaiting_approval');

    const inbox = await call(system.baseUrl, 'GET', '/v1/approvals', { key: 'manager' });
    const item = inbox.body.items.find((i: { proposalId: string }) => i.proposalId === proposed.body.proposalId);
    expect(item).toMatchObject({ complaintId: id, requiredRole: 'manager', amount: eur(20_000) });
    expect(item.customerHistory).toEqual([expect.objectContaining({ complaintId: earlier, type: 'goodwill', goodwill: true, status: 'approved' })]);
    expect((await call(system.baseUrl, 'GET', '/v1/approvals', { key: 'agent' })).status).toBe(403);

    const decision = `/compensation-proposals/${proposed.body.proposalId}/decision`;
    const resolvedTooEarly = await act(system, id, '/resolution', 'agent', { outcome: 'upheld', summary: 's', responseText: GOOD_RESPONSE });
    expect(resolvedTooEarly.status).toBe(409);
    const approved = await act(system, id, decision, 'manager', { decision: 'approve', reason: 'long-standing customer' });
    expect(approved.status).toBe(200);
    expect(approved.body.case.status).toBe('investigating');
    const again = await act(system, id, decision, 'director', { decision: 'reject', reason: 'too late' });
    expect(again.status).toBe(409);
  });

  it('refuses the proposer deciding their own proposal, and an approver above their limit (with the limit)', async () => {
    const id = await takenCase();
    const own = await act(system, id, '/compensation-proposals', 'manager', { type: 'refund', amount: eur(20_000), rationale: 'r' });
    const self = await act(system, id, `/compensation-proposals/${own.body.proposalId}/decision`, 'manager', { decision: 'approve', reason: 'mine' });
    expect(self.status).toBe(403);
    expect(self.body.detail).toMatch(/four eyes/);

    const big = await act(system, id, '/compensation-proposals', 'agent', { type: 'replacement', amount: eur(500_000), rationale: 'new boiler' });
    expect(big.body.requiredRole).toBe('director');
    const tooBig = await act(system, id, `/compensation-proposals/${big.body.proposalId}/decision`, 'manager', { decision: 'approve', reason: 'ok' });
    expect(tooBig.status).toBe(403);
    expect(tooBig.body.detail).toMatch(/manager may approve up to EUR 1,?000\.00/);
    const rejected = await act(system, id, `/compensation-proposals/${big.body.proposalId}/decision`, 'director', { decision: 'reject', reason: 'repair instead' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.case.compensation.find((p: { proposalId: string }) => p.proposalId === big.body.proposalId).status).toBe('rejected');
  });

  it('decides exactly once under 20 concurrent decisions', async () => {
    const id = await takenCase();
    const proposed = await act(system, id, '/compensation-proposals', 'agent', { type: 'refund', amount: eur(30_000), rationale: 'r' });
    const route = `/compensation-proposals/${proposed.body.proposalId}/decision`;
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        act(system, id, route, i % 2 ? 'manager' : 'director', { decision: i % 3 ? 'approve' : 'reject', reason: `decision ${i}` }),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(19);
    const decisions = (await eventTypes(id)).filter((t) => t === 'CompensationApproved' || t === 'CompensationRejected');
    expect(decisions).toHaveLength(1);
  });

  it.concurrent('moves an undecided approval one rung up when its deadline passes', async () => {
    const id = await takenCase();
    const proposed = await act(system, id, '/compensation-proposals', 'agent', { type: 'instalment_plan', amount: eur(12_000), rationale: 'spread the repayment', instalments: { count: 3, amounts: [eur(4_000), eur(4_000), eur(4_000)], dueDates: ['2026-12-01', '2027-01-01', '2027-02-01'] } });
    expect(proposed.body).toMatchObject({ status: 'pending_approval', requiredRole: 'manager' });
    const escalated = await eventually(async () => {
      const c = await caseOf(id);
      return c.compensation[0].requiredRole === 'director' ? c : undefined;
    }, 60_000, 'ApprovalEscalated');
    expect(escalated.compensation[0]).toMatchObject({ rung: 2, instalments: { count: 3 } });
    expect(await eventTypes(id)).toContain('ApprovalEscalated');
    const manager = await act(system, id, `/compensation-proposals/${proposed.body.proposalId}/decision`, 'manager', { decision: 'approve', reason: 'ok' });
    expect(manager.status).toBe(403);
  });
});

describe('the final response', () => {
  it('refuses a response failing the checks with every reason, records it, then sends the corrected one', async () => {
    const id = await takenCase();
    const bad = await act(system, id, '/resolution', 'agent', {
      outcome: 'rejected',
      summary: 'no refund',
      responseText: 'Dear {{customer_name}}, that is our policy and there is nothing we can do.',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.type).toBe('urn:complaint-engine:problem:correspondence-rejected');
    const codes = bad.body.errors.map((e: { code: string }) => e.code);
    // (the referral rights are stated by the policy's letter the response is framed in)
    expect(codes).toEqual(['unfilled-placeholder', 'flagged-phrase', 'flagged-phrase']);
    expect(bad.body.errors.every((e: { path: string }) => e.path === 'responseText')).toBe(true);
    expect(await eventTypes(id)).toContain('CorrespondenceRejected');
    expect((await caseOf(id)).status).toBe('investigating');

    const good = await act(system, id, '/resolution', 'agent', { outcome: 'partially_upheld', summary: 'part refund', responseText: GOOD_RESPONSE });
    expect(good.status).toBe(201);
  });
});

describe('satisfaction', () => {
  it('reopens a dissatisfied case one level higher with a fresh resolution promise and an immediate call-back', async () => {
    const id = await takenCase();
    await act(system, id, '/resolution', 'agent', { outcome: 'rejected', summary: 's', responseText: GOOD_RESPONSE });
    const declined = await act(system, id, '/satisfaction', 'intake', { satisfied: false, score: 2, comment: 'Nie zgadzam się' });

    expect(declined.status).toBe(200);
    expect(declined.body.events.map((e: { type: string }) => e.type)).toEqual([
      'SatisfactionDeclined',
      'ComplaintReopened',
      'ResolutionPromised',
      'ResolutionPromised',
      'Escalated',
    ]);
    const c = declined.body.case;
    expect(c).toMatchObject({ status: 'investigating', reopenCount: 1, escalationLevel: 1 });
    const open = c.promises.filter((p: { status: string }) => p.status === 'open').map((p: { promiseId: string }) => p.promiseId);
    expect(open).toEqual(['resolution-2', 'callback-1']);
    expect(c.escalations.at(-1)).toMatchObject({ reason: 'dissatisfied' });
  });

  it('after the last allowed reopen, closes with a final response stating the referral rights', async () => {
    const id = await takenCase();
    for (let round = 0; round < 3; round++) {
      const key: KeyName = round === 0 ? 'agent' : 'manager';
      if (round > 0) await act(system, id, '/assignment', 'manager', { to: round === 1 ? 'maria' : 'dora' });
      const resolved = await act(system, id, '/resolution', round === 2 ? 'manager' : key, { outcome: 'rejected', summary: `round ${round}`, responseText: GOOD_RESPONSE });
      expect(resolved.status).toBe(201);
      await act(system, id, '/satisfaction', 'intake', { satisfied: false });
    }
    const c = await caseOf(id);
    expect(c).toMatchObject({ status: 'closed', closure: 'unconfirmed', reopenCount: 2 });
    expect(c.resolution).toMatchObject({ final: true });
    // the customer gave no language: the letter in the policy's default, English, states the rights
    const events = (await call(system.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' })).body as { type: string; data: any }[];
    const last = events.filter((e) => e.type === 'ResolutionIssued').at(-1)!;
    expect(last.data).toMatchObject({ final: true, notices: [{ kind: 'finalResponse', language: 'en' }] });
    expect(last.data.notices[0].text).toContain(c.resolution.responseText);
    expect(last.data.notices[0].text).toMatch(/refer your complaint to the Financial Ombudsman Service/);
    expect(c.promises.every((p: { status: string }) => p.status !== 'open')).toBe(true);
  });

  it.concurrent('closes unconfirmed when the customer does not answer within the window', async () => {
    const id = await takenCase();
    await act(system, id, '/resolution', 'agent', { outcome: 'upheld', summary: 's', responseText: GOOD_RESPONSE });
    const closed = await eventually(async () => {
      const c = await caseOf(id);
      return c.status === 'closed' ? c : undefined;
    }, 60_000, 'the unconfirmed closure');
    expect(closed.closure).toBe('unconfirmed');
  });
});

describe('withdrawal', () => {
  it('closes mid-investigation with the reason, breaking open promises explicitly', async () => {
    const id = await takenCase();
    const reply = await act(system, id, '/withdrawal', 'intake', { reason: 'הבעיה נפתרה מעצמה' });
    expect(reply.status).toBe(200);
    expect(reply.body.case).toMatchObject({ status: 'closed', closure: 'withdrawn', withdrawalReason: 'הבעיה נפתרה מעצמה' });
    expect(reply.body.events.map((e: { type: string }) => e.type)).toEqual(['ComplaintWithdrawn', 'PromiseBroken', 'ComplaintClosed']);
  });

  it('while awaiting approval, rejects the pending proposal as it closes', async () => {
    const id = await takenCase();
    await act(system, id, '/compensation-proposals', 'agent', { type: 'refund', amount: eur(50_000), rationale: 'r' });
    const reply = await act(system, id, '/withdrawal', 'intake', { reason: 'customer changed bank' });
    expect(reply.body.case.compensation[0]).toMatchObject({ status: 'rejected', decidedBy: 'system' });
    expect(reply.body.case.closure).toBe('withdrawn');
  });
});

describe('with a second reviewer', () => {
  let reviewed: TestSystem;
  beforeAll(async () => {
    const source = readFileSync(path.join(repoRoot(), 'policies/test-fast.yaml'), 'utf8');
    const file = path.join(process.env.TEST_SERVERS_DIR!, `review-${randomUUID()}.yaml`);
    writeFileSync(
      file,
      source
        .replace('version: test-fast-3', 'version: test-fast-review-1')
        .replace('secondReviewer: false', 'secondReviewer: true')
        // the shipped templates, wherever the copy is
        .replace('templates: notices', `templates: ${path.join(repoRoot(), 'policies/notices')}`),
    );
    reviewed = await startTestSystem({ policyFile: file, taskQueue: `review-${randomUUID()}` });
  });
  afterAll(async () => {
    await reviewed?.close();
  });

  it('holds the final response until a different person approves it', async () => {
    const id = await takenCase(reviewed);
    const proposed = await act(reviewed, id, '/resolution', 'agent', { outcome: 'upheld', summary: 's', responseText: GOOD_RESPONSE });
    expect(proposed.status).toBe(201);
    expect(proposed.body.case).toMatchObject({ status: 'awaiting_approval', pendingResolution: { proposedBy: 'alice' } });
    const byAuthor = await act(reviewed, id, '/resolution/review', 'agent', { decision: 'approve', reason: 'fine' });
    expect(byAuthor.status).toBe(403);
    const approved = await act(reviewed, id, '/resolution/review', 'manager', { decision: 'approve', reason: 'checked the figures' });
    expect(approved.status).toBe(200);
    expect(approved.body.case).toMatchObject({ status: 'resolved', resolution: { reviewedBy: 'maria' } });
  });
});
