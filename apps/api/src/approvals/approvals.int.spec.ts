/**
 * The approvals inbox with its new fields (the viewer's limit, the case summary) and, with
 * include=undecidable, the pending proposals the viewer may not decide and why.
 */
import { randomUUID } from 'node:crypto';
import { call, complaintBody, fileComplaint, type KeyName } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';

let system: TestSystem;
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const proposals: Record<'own' | 'aboveAuthority' | 'decidable', { complaintId: string; proposalId: string; summary: string }> = {} as never;

async function proposeOnTakenCase(owner: { key: KeyName; principal: string }, minor: number) {
  const summary = `Charged twice ${randomUUID()}`;
  const filed = await fileComplaint(system.baseUrl, complaintBody({ summary, severity: 'high' }));
  expect(filed.status).toBe(201);
  const id = filed.body.id as string;
  const take = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/assignment`, { key: owner.key, body: { to: owner.principal } });
  expect(take.status).toBe(200);
  const proposed = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/compensation-proposals`, {
    key: owner.key,
    body: { type: 'credit', amount: eur(minor), rationale: 'service credit' },
  });
  expect(proposed.status).toBe(201);
  expect(proposed.body.status).toBe('pending_approval');
  return { complaintId: id, proposalId: proposed.body.proposalId as string, summary };
}

beforeAll(async () => {
  system = await startTestSystem();
  proposals.own = await proposeOnTakenCase({ key: 'manager', principal: 'maria' }, 20_000);
  proposals.aboveAuthority = await proposeOnTakenCase({ key: 'agent', principal: 'alice' }, 250_000);
  proposals.decidable = await proposeOnTakenCase({ key: 'agent', principal: 'alice' }, 20_000);
});

afterAll(async () => {
  await system?.close();
});

const itemOf = (items: { proposalId: string }[], which: keyof typeof proposals) =>
  items.find((item) => item.proposalId === proposals[which].proposalId);

it('lists only what the manager may decide, with the limit and the case summary', async () => {
  const inbox = await call(system.baseUrl, 'GET', '/v1/approvals', { key: 'manager' });
  expect(inbox.status).toBe(200);
  expect(itemOf(inbox.body.items, 'own')).toBeUndefined();
  expect(itemOf(inbox.body.items, 'aboveAuthority')).toBeUndefined();
  expect(itemOf(inbox.body.items, 'decidable')).toMatchObject({
    complaintId: proposals.decidable.complaintId,
    summary: proposals.decidable.summary,
    category: 'billing',
    severity: 'high',
    viewerLimit: { minor: 100_000, currency: 'EUR' },
    decidable: true,
    notDecidableBecause: null,
    notDecidableDetail: null,
  });
  expect(inbox.body.items.every((item: { decidable: boolean }) => item.decidable)).toBe(true);
});

it('with include=undecidable, also lists the others, each saying why not', async () => {
  const inbox = await call(system.baseUrl, 'GET', '/v1/approvals?include=undecidable', { key: 'manager' });
  expect(inbox.status).toBe(200);
  expect(itemOf(inbox.body.items, 'own')).toMatchObject({
    decidable: false,
    notDecidableBecause: 'own-proposal',
    notDecidableDetail: 'four eyes: the proposer cannot decide their own proposal',
    viewerLimit: { minor: 100_000, currency: 'EUR' },
  });
  expect(itemOf(inbox.body.items, 'aboveAuthority')).toMatchObject({
    decidable: false,
    notDecidableBecause: 'above-authority',
    notDecidableDetail: 'above your authority: manager may approve up to EUR 1000.00',
    requiredRole: 'director',
  });
  expect(itemOf(inbox.body.items, 'decidable')).toMatchObject({ decidable: true, notDecidableBecause: null });

  // the inbox and the decision apply the same rule
  const refused = await call(system.baseUrl, 'POST', `/v1/complaints/${proposals.aboveAuthority.complaintId}/compensation-proposals/${proposals.aboveAuthority.proposalId}/decision`, {
    key: 'manager',
    body: { decision: 'approve', reason: 'ok' },
  });
  expect(refused.status).toBe(403);
  expect(refused.body.detail).toBe('above your authority: manager may approve up to EUR 1000.00');
});

it('shows a director no limit', async () => {
  const inbox = await call(system.baseUrl, 'GET', '/v1/approvals', { key: 'director' });
  expect(itemOf(inbox.body.items, 'aboveAuthority')).toMatchObject({ decidable: true, viewerLimit: { minor: null, currency: 'EUR' } });
});

it('refuses an unknown include, naming the field', async () => {
  const reply = await call(system.baseUrl, 'GET', '/v1/approvals?include=everything', { key: 'manager' });
  expect(reply.status).toBe(400);
  expect(reply.body.errors[0].path).toBe('query.include');
});
