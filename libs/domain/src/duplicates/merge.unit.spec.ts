import { acceptedCase, contextAt } from '../../../../test/support/complaint-fixtures';
import { given, recorded } from '../../../../test/support/given-when-then';
import { foldEvents, openPromises, type ComplaintState, type EventForFold } from '../case/complaint-state';
import type { NewEvent } from '../events/complaint-events';
import { decideProposeCompensation } from '../compensation/compensation-decisions';
import { decidePromiseCallback } from '../promises/promise-ledger';
import { decideMerge, decideRecordMerged } from './merge';

const at = '2026-11-24T10:00:00.000Z';
const alice = { principal: 'alice', role: 'agent' };
const system = { principal: 'system', role: 'system' };
const older = { into: 'c-0', intoReceivedAt: '2026-11-23T09:00:00.000Z' };
const eur = (minor: number) => ({ minor, currency: 'EUR' });

/** The case with a call-back promise, one compensation approved at once and one waiting above the agent limit. */
function withOpenBusiness(): { events: EventForFold[]; approvedId: string; pendingId: string } {
  let events = acceptedCase(at);
  const step = (decide: (state: ComplaintState) => readonly NewEvent[]) => {
    const decided = decide(foldEvents(events));
    events = [...events, ...recorded(decided)];
    return decided;
  };
  step((s) => decidePromiseCallback(s, { by: new Date('2026-11-25T10:00:00.000Z'), reason: 'she asked for a call tomorrow' }, contextAt(at, alice)));
  const [approved] = step((s) => decideProposeCompensation(s, { type: 'goodwill', amount: eur(2_000), rationale: 'a gesture' }, contextAt(at, alice)));
  const [pending] = step((s) => decideProposeCompensation(s, { type: 'refund', amount: eur(20_000), rationale: 'the duplicate charge' }, contextAt(at, alice)));
  return {
    events,
    approvedId: (approved.data as { proposalId: string }).proposalId,
    pendingId: (pending.data as { proposalId: string }).proposalId,
  };
}

describe('merging the newer report into the older case', () => {
  it('given a freshly accepted case, when merged, then its open resolution promise is broken (closed) and it closes as merged', () => {
    given(acceptedCase(at))
      .when((s) => decideMerge(s!, older, contextAt(at, alice)))
      .then([
        expect.objectContaining({ type: 'PromiseBroken', actor: system, data: expect.objectContaining({ promiseId: 'resolution-1', reason: 'closed' }) }),
        expect.objectContaining({ type: 'ComplaintClosed', actor: alice, data: { closure: 'merged', reason: null, mergedInto: 'c-0', notices: [expect.objectContaining({ kind: 'closure', text: expect.stringContaining('חוזרת על תלונה קודמת') })] } }),
      ]);
  });

  it('given open promises and a proposal waiting for approval, when merged, then the system rejects the proposal and breaks every promise before closing', () => {
    const { events, pendingId } = withOpenBusiness();
    given(events)
      .when((s) => decideMerge(s!, older, contextAt(at, alice)))
      .then([
        expect.objectContaining({
          type: 'CompensationRejected',
          actor: system,
          data: { proposalId: pendingId, by: 'system', role: 'system', reason: 'the complaint was merged into case c-0' },
        }),
        expect.objectContaining({ type: 'PromiseBroken', data: expect.objectContaining({ promiseId: 'resolution-1', reason: 'closed' }) }),
        expect.objectContaining({ type: 'PromiseBroken', data: expect.objectContaining({ promiseId: 'callback-1', reason: 'closed' }) }),
        expect.objectContaining({ type: 'ComplaintClosed', data: { closure: 'merged', reason: null, mergedInto: 'c-0', notices: [expect.objectContaining({ kind: 'closure', text: expect.stringContaining('חוזרת על תלונה קודמת') })] } }),
      ]);
  });

  it('leaves nothing open on the merged case and keeps the approved compensation as it was', () => {
    const { events, approvedId, pendingId } = withOpenBusiness();
    const merged = foldEvents([...events, ...recorded(decideMerge(foldEvents(events), older, contextAt(at, alice)))]);

    expect(merged).toMatchObject({ status: 'closed', closure: 'merged', mergedInto: 'c-0' });
    expect(openPromises(merged)).toEqual([]);
    expect(merged.compensation.map((p) => [p.proposalId, p.status, p.decidedBy])).toEqual([
      [approvedId, 'approved', 'alice'],
      [pendingId, 'rejected', 'system'],
    ]);
  });

  it('refuses to merge a case into itself, into a newer case, or once it is closed', () => {
    given(acceptedCase(at))
      .when((s) => decideMerge(s!, { into: 'c-1', intoReceivedAt: '2026-11-23T09:00:00.000Z' }, contextAt(at, alice)))
      .thenRefuses('invalid-command', 'into');
    given(acceptedCase(at))
      .when((s) => decideMerge(s!, { into: 'c-2', intoReceivedAt: '2026-11-25T09:00:00.000Z' }, contextAt(at, alice)))
      .thenRefuses('invalid-command', 'into');
    const closed = [...acceptedCase(at), ...recorded(decideMerge(foldEvents(acceptedCase(at)), older, contextAt(at, alice)))];
    given(closed)
      .when((s) => decideMerge(s!, older, contextAt(at, alice)))
      .thenRefuses('case-closed');
  });
});

describe('the older case recording the newer report', () => {
  const report = {
    complaintId: 'c-9',
    reference: 'CR-2026-000009',
    channel: 'email' as const,
    summary: 'Znowu podwójna opłata',
    description: 'נשלח שוב במייל',
    receivedAt: '2026-11-24T12:00:00.000Z',
  };

  it('given an open case, when a newer report is merged into it, then ComplaintMerged records it, once', () => {
    given(acceptedCase(at))
      .when((s) => decideRecordMerged(s!, report, contextAt(at, alice)))
      .then([expect.objectContaining({ type: 'ComplaintMerged', data: report })]);
    const once = [...acceptedCase(at), ...recorded(decideRecordMerged(foldEvents(acceptedCase(at)), report, contextAt(at, alice)))];
    given(once)
      .when((s) => decideRecordMerged(s!, report, contextAt(at, alice)))
      .then([]);
  });
});
