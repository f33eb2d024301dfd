/**
 * Every way a case closes goes through closeCase: whatever the closure, nothing is left
 * open on the closed case (no open promise, no proposal waiting for a decision).
 */
import { acceptedCase, contextAt } from '../../../../test/support/complaint-fixtures';
import { recorded } from '../../../../test/support/given-when-then';
import { foldEvents, openPromises, type ComplaintState, type EventForFold } from '../case/complaint-state';
import type { Closure } from '../case/complaint-values';
import { decideProposeCompensation } from '../compensation/compensation-decisions';
import { decideMerge } from '../duplicates/merge';
import type { NewEvent } from '../events/complaint-events';
import {
  decideResolution,
  decideSatisfaction,
  decideSatisfactionWindow,
  decideWithdrawal,
} from '../resolution/resolution-decisions';

const at = '2026-11-24T10:00:00.000Z';
const alice = { principal: 'alice', role: 'agent' };
const desk = { principal: 'desk-1', role: 'intake' };
const RESPONSE = 'Zwróciliśmy podwójną opłatę. If you remain unhappy you can refer your complaint to the ombudsman.';

function run(events: EventForFold[], ...steps: ((state: ComplaintState) => readonly NewEvent[])[]): EventForFold[] {
  return steps.reduce((all, step) => [...all, ...recorded(step(foldEvents(all)))], events);
}

const respond = (s: ComplaintState) => decideResolution(s, { outcome: 'upheld', summary: 'refunded', responseText: RESPONSE }, contextAt(at, alice));
const decline = (s: ComplaintState) => decideSatisfaction(s, { satisfied: false }, contextAt(at, desk));

/** Waiting for a manager's approval of a refund above the agent limit. */
const awaitingApproval = () =>
  run(acceptedCase(at), (s) => decideProposeCompensation(s, { type: 'refund', amount: { minor: 20_000, currency: 'EUR' }, rationale: 'r' }, contextAt(at, alice)));
/** Reopened once (a fresh resolution promise and a call-back promise), answered again, the call never made. */
const answeredAfterReopen = () => run(acceptedCase(at), respond, decline, respond);

type Step = (state: ComplaintState) => readonly NewEvent[];

const closings: [string, Closure, () => EventForFold[], Step][] = [
  ['withdrawn while awaiting approval', 'withdrawn', awaitingApproval, (s) => decideWithdrawal(s, { reason: 'sorted out' }, contextAt(at, desk))],
  ['merged while awaiting approval', 'merged', awaitingApproval, (s) => decideMerge(s, { into: 'c-0', intoReceivedAt: '2026-11-20T10:00:00.000Z' }, contextAt(at, alice))],
  ['confirmed with the call-back still owed', 'confirmed', answeredAfterReopen, (s) => decideSatisfaction(s, { satisfied: true }, contextAt(at, desk))],
  ['unconfirmed by silence with the call-back still owed', 'unconfirmed', answeredAfterReopen, (s) => decideSatisfactionWindow(s, contextAt(at, alice))],
  ['unconfirmed after the last reopen', 'unconfirmed', () => run(acceptedCase(at), respond, decline, respond, decline, respond), decline],
];

describe('closing a case', () => {
  it.each(closings)('%s: closes once, breaking what was still promised and rejecting what still waited', (_name, closure, setup, close) => {
    const events = setup();
    const before = foldEvents(events);
    const decided = close(before);
    const closed = foldEvents([...events, ...recorded(decided)]);
    const waiting = before.compensation.filter((p) => p.status === 'pending_approval');
    // something was open before the closing, or this case proves nothing
    expect(openPromises(before).length + waiting.length).toBeGreaterThan(0);

    expect(closed).toMatchObject({ status: 'closed', closure });
    expect(decided.filter((e) => e.type === 'ComplaintClosed')).toHaveLength(1);
    expect(decided.at(-1)?.type).toBe('ComplaintClosed');
    expect(openPromises(closed)).toEqual([]);
    expect(closed.compensation.filter((p) => p.status === 'pending_approval')).toEqual([]);
    expect(decided.filter((e) => e.type === 'PromiseBroken').map((e) => e.data)).toEqual(
      openPromises(before).map((p) => ({ promiseId: p.promiseId, dueBy: p.dueBy, reason: 'closed' })),
    );
    expect(decided.filter((e) => e.type === 'CompensationRejected').map((e) => [e.data.proposalId, e.data.by])).toEqual(
      waiting.map((p) => [p.proposalId, 'system']),
    );
  });
});
