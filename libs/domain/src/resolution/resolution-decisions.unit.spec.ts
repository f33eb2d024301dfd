import { acceptedCase, contextAt } from '../../../../test/support/complaint-fixtures';
import { given, recorded } from '../../../../test/support/given-when-then';
import { foldEvents, type EventForFold } from '../case/complaint-state';
import type { DecisionContext } from '../commands/decision-context';
import { decideResolution, decideResolutionReview, decideSatisfaction, decideWithdrawal } from './resolution-decisions';

const at = '2026-11-24T10:00:00.000Z';
const alice = { principal: 'alice', role: 'agent' };
const desk = { principal: 'desk-1', role: 'intake' };
const GOOD = 'Szanowna Pani, zwróciliśmy podwójną opłatę. If you remain unhappy you can refer your complaint to the ombudsman.';

function resolved(): EventForFold[] {
  const base = acceptedCase(at);
  return [...base, ...recorded(decideResolution(foldEvents(base), { outcome: 'upheld', summary: 'refunded', responseText: GOOD }, contextAt(at, alice)))];
}

describe('the final response', () => {
  it('given a clean response, when sent, then ResolutionIssued keeps the resolution promise and marks a summary resolution', () => {
    given(acceptedCase(at))
      .when((s) => decideResolution(s!, { outcome: 'upheld', summary: 'refunded', responseText: GOOD }, contextAt(at, alice)))
      .then([
        expect.objectContaining({ type: 'ResolutionIssued', data: expect.objectContaining({ outcome: 'upheld', summaryResolution: true, final: false, satisfactionDueBy: expect.any(String) }) }),
        expect.objectContaining({ type: 'PromiseKept', data: expect.objectContaining({ promiseId: 'resolution-1' }) }),
      ]);
  });

  it('records a failing response as CorrespondenceRejected with every problem, and sends nothing', () => {
    const [event] = decideResolution(foldEvents(acceptedCase(at)), { outcome: 'rejected', summary: 's', responseText: 'Dear [CUSTOMER NAME], that is our policy.' }, contextAt(at, alice));
    expect(event.type).toBe('CorrespondenceRejected');
    const codes = (event.data as { problems: { code: string }[] }).problems.map((p) => p.code);
    // the shipped letter the response is framed in states the referral rights itself
    expect(codes).toEqual(['unfilled-placeholder', 'flagged-phrase']);
  });
});

describe('root causes', () => {
  const ROOT_CAUSES = [
    { code: 'billing-error', label: 'Billing error' },
    { code: 'delivery-delay', label: 'Delivery delay' },
  ];
  const withCauses = (): DecisionContext => {
    const context = contextAt(at, alice);
    return { ...context, policy: { ...context.policy, rootCauses: ROOT_CAUSES } };
  };
  const send = (rootCause: string | undefined, context: DecisionContext = withCauses()) =>
    decideResolution(foldEvents(acceptedCase(at)), { outcome: 'upheld', summary: 'refunded', responseText: GOOD, rootCause }, context);

  it('records the cause a final response names on ResolutionIssued, and the case keeps it', () => {
    const events = send('billing-error');
    expect(events[0]).toMatchObject({ type: 'ResolutionIssued', data: { rootCause: 'billing-error' } });
    expect(foldEvents([...acceptedCase(at), ...recorded(events)]).resolutions[0].rootCause).toBe('billing-error');
  });

  it('needs one when the policy lists them, and refuses one it does not list', () => {
    given(acceptedCase(at)).when(() => send(undefined)).thenRefuses('invalid-command');
    given(acceptedCase(at)).when(() => send('weather')).thenRefuses('invalid-command');
  });

  it('records none when the policy lists none, and refuses a code then', () => {
    expect(send(undefined, contextAt(at, alice))[0]).toMatchObject({ type: 'ResolutionIssued', data: { rootCause: null } });
    given(acceptedCase(at)).when(() => send('billing-error', contextAt(at, alice))).thenRefuses('invalid-command');
  });

  it('carries the cause through a second review', () => {
    const context = withCauses();
    const reviewed = { ...context, policy: { ...context.policy, correspondence: { ...context.policy.correspondence, secondReviewer: true } } };
    const proposed = send('delivery-delay', reviewed);
    expect(proposed[0]).toMatchObject({ type: 'ResolutionProposed', data: { rootCause: 'delivery-delay' } });
    const pending = [...acceptedCase(at), ...recorded(proposed)];
    const approved = decideResolutionReview(foldEvents(pending), { decision: 'approve', reason: 'clear and complete' }, { ...contextAt(at, { principal: 'maria', role: 'manager' }), policy: reviewed.policy });
    expect(approved.find((e) => e.type === 'ResolutionIssued')).toMatchObject({ data: { rootCause: 'delivery-delay' } });
  });
});

describe('satisfaction', () => {
  it('satisfied closes confirmed', () => {
    const events = decideSatisfaction(foldEvents(resolved()), { satisfied: true, score: 10 }, contextAt(at, desk));
    expect(events.map((e) => e.type)).toEqual(['SatisfactionConfirmed', 'ComplaintClosed']);
    expect(events[1].data).toMatchObject({ closure: 'confirmed' });
  });

  it('dissatisfied reopens one rung higher with a fresh resolution promise and a call-back promise', () => {
    const events = decideSatisfaction(foldEvents(resolved()), { satisfied: false }, contextAt(at, desk));
    expect(events.map((e) => e.type)).toEqual(['SatisfactionDeclined', 'ComplaintReopened', 'ResolutionPromised', 'ResolutionPromised', 'Escalated']);
    const state = foldEvents([...resolved(), ...recorded(events)]);
    expect(state).toMatchObject({ status: 'investigating', reopenCount: 1, escalationLevel: 1 });
  });

  it('refuses an answer when no final response waits for one', () => {
    given(acceptedCase(at)).when((s) => decideSatisfaction(s!, { satisfied: true }, contextAt(at, desk))).thenRefuses('conflict');
  });
});

describe('withdrawal', () => {
  it('closes with the reason and breaks the open promises explicitly', () => {
    given(acceptedCase(at))
      .when((s) => decideWithdrawal(s!, { reason: 'ההחזר התקבל' }, contextAt(at, desk)))
      .then([
        expect.objectContaining({ type: 'ComplaintWithdrawn', data: { reason: 'ההחזר התקבל' } }),
        expect.objectContaining({ type: 'PromiseBroken', data: expect.objectContaining({ promiseId: 'resolution-1', reason: 'closed' }) }),
        expect.objectContaining({ type: 'ComplaintClosed', data: { closure: 'withdrawn', reason: 'ההחזר התקבל', mergedInto: null, notices: [expect.objectContaining({ kind: 'closure', text: expect.stringContaining('בוטלה ונסגרה') })] } }),
      ]);
  });
});
