import fc from 'fast-check';
import { acceptedCase, contextAt } from '../../../../test/support/complaint-fixtures';
import { given, recorded } from '../../../../test/support/given-when-then';
import { foldEvents, type EventForFold } from '../case/complaint-state';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { decideCompensationDecision, decideProposeCompensation, decideApprovalDeadline } from './compensation-decisions';

const at = '2026-11-24T10:00:00.000Z';
const alice = { principal: 'alice', role: 'agent' };
const maria = { principal: 'maria', role: 'manager' };
const marek = { principal: 'marek', role: 'manager' };
const dora = { principal: 'dora', role: 'director' };
const eur = (minor: number) => ({ minor, currency: 'EUR' });

function withProposal(amount: number, by = alice): { events: EventForFold[]; proposalId: string } {
  const base = acceptedCase(at);
  const proposed = decideProposeCompensation(foldEvents(base), { type: 'refund', amount: eur(amount), rationale: 'duplicate charge' }, contextAt(at, by));
  const events = [...base, ...recorded(proposed)];
  return { events, proposalId: (proposed[0].data as { proposalId: string }).proposalId };
}

describe('proposing compensation', () => {
  it('given an open case, when an agent proposes within the first rung, then it is approved at once and recorded so', () => {
    given(acceptedCase(at))
      .when((s) => decideProposeCompensation(s!, { type: 'goodwill', amount: eur(5_000), rationale: 'a gesture, not a finding of fault' }, contextAt(at, alice)))
      .then([
        expect.objectContaining({ type: 'CompensationProposed', data: expect.objectContaining({ status: 'approved', requiredRole: 'agent', goodwill: true, approvalDueBy: null }) }),
        expect.objectContaining({ type: 'CompensationApproved', data: expect.objectContaining({ automatic: true, by: 'alice' }) }),
      ]);
  });

  it('above it, waits for the lowest role whose limit covers it, until the approval deadline (one working day)', () => {
    const [proposed] = decideProposeCompensation(foldEvents(acceptedCase(at)), { type: 'credit', amount: eur(5_001), rationale: 'r' }, contextAt(at, alice));
    expect(proposed.data).toMatchObject({ status: 'pending_approval', requiredRole: 'manager', rung: 1, approvalDueBy: '2026-11-25T10:00:00.000Z' });
  });

  it('refuses negative, fractional or unknown-currency amounts and an instalment plan that does not add up', () => {
    const state = foldEvents(acceptedCase(at));
    for (const amount of [eur(-1), eur(10.5), { minor: 100, currency: 'eur' }]) {
      expect(() => decideProposeCompensation(state, { type: 'refund', amount, rationale: 'r' }, contextAt(at, alice))).toThrow(ComplaintRuleError);
    }
    given(acceptedCase(at))
      .when((s) => decideProposeCompensation(s!, { type: 'instalment_plan', amount: eur(9_000), rationale: 'r', instalments: { count: 2, amounts: [eur(4_000), eur(4_000)], dueDates: ['2026-12-01', '2027-01-01'] } }, contextAt(at, alice)))
      .thenRefuses('invalid-command');
  });
});

describe('deciding a proposal', () => {
  it('four eyes: the proposer can never decide, whatever their role', () => {
    const { events, proposalId } = withProposal(20_000, maria);
    given(events).when((s) => decideCompensationDecision(s!, { proposalId, decision: 'approve', reason: 'mine' }, contextAt(at, maria))).thenRefuses('not-permitted');
    given(events)
      .when((s) => decideCompensationDecision(s!, { proposalId, decision: 'approve', reason: 'checked' }, contextAt(at, marek)))
      .then([expect.objectContaining({ type: 'CompensationApproved', data: expect.objectContaining({ by: 'marek', automatic: false }) })]);
  });

  it('refuses an approver above their limit, naming the limit', () => {
    const { events, proposalId } = withProposal(500_000);
    expect(() => decideCompensationDecision(foldEvents(events), { proposalId, decision: 'approve', reason: 'x' }, contextAt(at, maria))).toThrow(/manager may approve up to/);
  });

  it('after the approval deadline, moves it a rung up; the lower role may then no longer decide', () => {
    const { events, proposalId } = withProposal(20_000);
    const escalated = decideApprovalDeadline(foldEvents(events), proposalId, contextAt('2026-11-25T10:00:00.000Z', { principal: 'system', role: 'system' }));
    expect(escalated[0].data).toMatchObject({ fromRole: 'manager', toRole: 'director', rung: 2 });
    const after = [...events, ...recorded(escalated)];
    given(after).when((s) => decideCompensationDecision(s!, { proposalId, decision: 'approve', reason: 'x' }, contextAt(at, marek))).thenRefuses('not-permitted');
    expect(decideApprovalDeadline(foldEvents(after), proposalId, contextAt(at, dora))).toEqual([]);
  });

  it('is decided at most once, whatever the sequence of decisions: by the first eligible approver, every later attempt refused', () => {
    // over the whole property run: which outcomes happened, so a generator whose attempts
    // were all refused (or never reached a decision) cannot pass
    const seen = new Map<string, number>();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    fc.assert(
      fc.property(
        fc.array(fc.record({ who: fc.constantFrom(maria, marek, dora, alice), approve: fc.boolean() }), { minLength: 1, maxLength: 12 }),
        (attempts) => {
          const { events, proposalId } = withProposal(20_000, alice);
          let all = events;
          let decidedBy: { principal: string; approve: boolean } | null = null;
          for (const attempt of attempts) {
            const decide = () =>
              decideCompensationDecision(foldEvents(all), { proposalId, decision: attempt.approve ? 'approve' : 'reject', reason: 'r' }, contextAt(at, attempt.who));
            if (decidedBy) {
              // decided once: every later attempt is refused, whoever makes it
              expect(decide).toThrow(expect.objectContaining({ code: 'conflict' }));
              count('refused: already decided');
            } else if (attempt.who === alice) {
              expect(decide).toThrow(expect.objectContaining({ code: 'not-permitted' }));
              count('refused: the proposer');
            } else {
              // the first attempt by anybody else with the authority decides it
              const decided = decide();
              expect(decided.map((e) => [e.type, e.data.by])).toEqual([[attempt.approve ? 'CompensationApproved' : 'CompensationRejected', attempt.who.principal]]);
              all = [...all, ...recorded(decided)];
              decidedBy = { principal: attempt.who.principal, approve: attempt.approve };
              count(attempt.approve ? 'approved' : 'rejected');
            }
          }
          const proposal = foldEvents(all).compensation[0];
          expect(all.filter((e) => e.type === 'CompensationApproved' || e.type === 'CompensationRejected')).toHaveLength(decidedBy ? 1 : 0);
          expect(proposal).toMatchObject(
            decidedBy
              ? { status: decidedBy.approve ? 'approved' : 'rejected', decidedBy: decidedBy.principal }
              : { status: 'pending_approval', decidedBy: null },
          );
        },
      ),
    );
    expect([...seen.keys()].sort()).toEqual(['approved', 'refused: already decided', 'refused: the proposer', 'rejected']);
    expect((seen.get('approved') ?? 0) + (seen.get('rejected') ?? 0)).toBeGreaterThan(50);
  });
});
