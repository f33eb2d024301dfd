import { acceptedCase, contextAt } from '../../../../test/support/complaint-fixtures';
import { given, recorded } from '../../../../test/support/given-when-then';
import { foldEvents } from '../case/complaint-state';
import { decideTimer, nextTimer } from '../deadlines/case-timers';
import fc from 'fast-check';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { decidePromiseCallback, decideRevisePromise } from './promise-ledger';
import { promiseHorizon } from './promise-horizon';

const alice = { principal: 'alice', role: 'agent' };
const at = '2026-11-24T10:00:00.000Z';

describe('the promise ledger', () => {
  it('starts with the resolution promise the acknowledgment made', () => {
    const state = foldEvents(acceptedCase(at));
    expect(state.promises).toEqual([
      expect.objectContaining({ promiseId: 'resolution-1', kind: 'resolution', status: 'open', dueBy: state.deadlines!.promisedResolutionBy, revisions: [] }),
    ]);
  });

  it('revises the open resolution promise with a reason and a new warning point', () => {
    given(acceptedCase(at))
      .when((s) => decideRevisePromise(s!, { resolveBy: new Date('2026-12-08T10:00:00.000Z'), reason: 'czekamy na raport kuriera' }, contextAt(at, alice)))
      .then([
        expect.objectContaining({
          type: 'PromiseRevised',
          data: { promiseId: 'resolution-1', dueBy: '2026-12-08T10:00:00.000Z', previousDueBy: '2026-12-01T10:00:00.000Z', warnAt: expect.any(String), reason: 'czekamy na raport kuriera',
            // the Hebrew-speaking customer is told, old and new dates and the reason isolated in the right-to-left text
            notices: [expect.objectContaining({ kind: 'promiseChanged', language: 'he', direction: 'rtl', text: expect.stringContaining('עד \u20688 בדצמבר 2026 בשעה 10:00\u2069, במקום \u20681 בדצמבר 2026 בשעה 10:00\u2069') })] },
        }),
      ]);
  });

  it('refuses a revision into the past, without a reason, or to the same date', () => {
    given(acceptedCase(at)).when((s) => decideRevisePromise(s!, { resolveBy: new Date('2026-11-01T00:00:00Z'), reason: 'x' }, contextAt(at, alice))).thenRefuses('invalid-command', 'resolveBy');
    given(acceptedCase(at)).when((s) => decideRevisePromise(s!, { resolveBy: new Date('2026-12-08T10:00:00Z'), reason: ' ' }, contextAt(at, alice))).thenRefuses('invalid-command', 'reason');
    given(acceptedCase(at)).when((s) => decideRevisePromise(s!, { resolveBy: new Date('2026-12-01T10:00:00Z'), reason: 'same' }, contextAt(at, alice))).thenRefuses('conflict');
  });

  it('makes a new resolution promise once the first one is broken', () => {
    let events = acceptedCase(at);
    let state = foldEvents(events);
    for (let i = 0; i < 10 && state.promises[0].status === 'open'; i++) {
      const timer = nextTimer(state, contextAt(at, alice).policy, contextAt(at, alice).calendar)!;
      events = [...events, ...recorded(decideTimer(state, timer, contextAt(timer.at, alice)))];
      state = foldEvents(events);
    }
    expect(state.promises[0].status).toBe('broken');
    const [event] = decideRevisePromise(state, { resolveBy: new Date('2027-01-05T10:00:00Z'), reason: 'new date after the delay' }, contextAt('2026-12-02T10:00:00Z', alice));
    expect(event).toMatchObject({ type: 'ResolutionPromised', data: { promiseId: 'resolution-2', kind: 'resolution' } });
  });

  it('records a call-back promise in the same ledger', () => {
    const [event] = decidePromiseCallback(foldEvents(acceptedCase(at)), { by: new Date('2026-11-24T15:00:00Z'), reason: 'after her meeting' }, contextAt(at, alice));
    expect(event).toMatchObject({ type: 'ResolutionPromised', data: { promiseId: 'callback-1', kind: 'callback', dueBy: '2026-11-24T15:00:00.000Z' } });
  });

  it('refuses a promise after the regulatory final-response deadline, and one years ahead', () => {
    const state = foldEvents(acceptedCase(at));
    const finalResponseBy = state.deadlines!.finalResponseBy;
    const afterIt = new Date(Date.parse(finalResponseBy) + 1);
    given(acceptedCase(at)).when((s) => decideRevisePromise(s!, { resolveBy: afterIt, reason: 'later' }, contextAt(at, alice))).thenRefuses('invalid-command', 'resolveBy');
    given(acceptedCase(at)).when((s) => decideRevisePromise(s!, { resolveBy: new Date('3026-11-24T10:00:00Z'), reason: 'later' }, contextAt(at, alice))).thenRefuses('invalid-command', 'resolveBy');
    given(acceptedCase(at)).when((s) => decidePromiseCallback(s!, { by: afterIt, reason: 'later' }, contextAt(at, alice))).thenRefuses('invalid-command', 'by');
    expect(decideRevisePromise(state, { resolveBy: new Date(finalResponseBy), reason: 'the last day' }, contextAt(at, alice))[0].data.dueBy).toBe(finalResponseBy);
  });

  it('lets a case past its final-response deadline promise up to one regulatory period from now', () => {
    const late = '2027-02-01T10:00:00.000Z';
    const horizon = promiseHorizon(foldEvents(acceptedCase(at)), contextAt(late, alice));
    // P56D after 1 February in London calendar days: 29 March, 10:00 local, which is BST by then
    expect(horizon.toISOString()).toBe('2027-03-29T09:00:00.000Z');
    given(acceptedCase(at)).when((s) => decideRevisePromise(s!, { resolveBy: new Date('2027-03-29T09:00:00.001Z'), reason: 'x' }, contextAt(late, alice))).thenRefuses('invalid-command', 'resolveBy');
    expect(decideRevisePromise(foldEvents(acceptedCase(at)), { resolveBy: horizon, reason: 'x' }, contextAt(late, alice))).toHaveLength(1);
  });

  it('answers any instant the wire can carry with a decision or a refusal, never a calendar walk (property)', () => {
    const state = foldEvents(acceptedCase(at));
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (when) => {
        try {
          const [event] = decideRevisePromise(state, { resolveBy: when, reason: 'r' }, contextAt(at, alice));
          expect(Date.parse(event.data.dueBy)).toBeLessThanOrEqual(Date.parse(state.deadlines!.finalResponseBy));
        } catch (error) {
          expect(error).toBeInstanceOf(ComplaintRuleError);
        }
      }),
    );
  });
});
