// Who may decide a pending proposal, against the shipped policy's ladder (agent 5000, manager 100000, director no limit).
import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import { approvalEligibility, type PendingProposal } from './approval-eligibility';

const { policy } = loadPolicy('default.yaml');
const pending = (overrides: Partial<PendingProposal> = {}): PendingProposal => ({
  proposedBy: 'alice',
  amount: { minor: 20_000, currency: 'EUR' },
  rung: 1,
  requiredRole: 'manager',
  ...overrides,
});

it('lets another principal whose role is at the rung and whose limit covers the amount decide', () => {
  expect(approvalEligibility(policy, { principal: 'maria', role: 'manager' }, pending())).toEqual({ decidable: true });
  expect(approvalEligibility(policy, { principal: 'dora', role: 'director' }, pending())).toEqual({ decidable: true });
});

it('never lets the proposer decide, whatever their role (four eyes first)', () => {
  expect(approvalEligibility(policy, { principal: 'dora', role: 'director' }, pending({ proposedBy: 'dora' }))).toEqual({
    decidable: false,
    because: 'own-proposal',
    message: 'four eyes: the proposer cannot decide their own proposal',
  });
});

it('refuses an amount above the role’s limit, naming the limit', () => {
  const big = pending({ amount: { minor: 250_000, currency: 'EUR' }, rung: 2, requiredRole: 'director' });
  expect(approvalEligibility(policy, { principal: 'maria', role: 'manager' }, big)).toEqual({
    decidable: false,
    because: 'above-authority',
    message: 'above your authority: manager may approve up to EUR 1000.00',
  });
});

it('refuses a role not on the ladder, or a currency its rung does not list', () => {
  expect(approvalEligibility(policy, { principal: 'audit', role: 'auditor' }, pending())).toMatchObject({ decidable: false, because: 'above-authority' });
  const yen = pending({ amount: { minor: 100, currency: 'JPY' } });
  expect(approvalEligibility(policy, { principal: 'maria', role: 'manager' }, yen)).toMatchObject({ decidable: false, because: 'above-authority' });
});

it('refuses a role below the rung the approval has moved up to, though its limit covers the amount', () => {
  const movedUp = pending({ rung: 2, requiredRole: 'director' });
  expect(approvalEligibility(policy, { principal: 'maria', role: 'manager' }, movedUp)).toEqual({
    decidable: false,
    because: 'below-rung',
    message: 'the approval has moved up to director',
  });
});
