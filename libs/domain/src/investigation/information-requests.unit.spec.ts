import { acceptedCase, contextAt } from '../../../../test/support/complaint-fixtures';
import { given, recorded } from '../../../../test/support/given-when-then';
import { foldEvents } from '../case/complaint-state';
import { decideCustomerMessage, decideRequestInformation } from './information-requests';
import { slaDeadline } from '../deadlines/sla-clock';
import { calendarFor } from '../calendar/public-holidays';

const alice = { principal: 'alice', role: 'agent' };
const desk = { principal: 'desk-1', role: 'intake' };
// Friday 27 November 2026, 16:00 London (GMT); the office closes at 17:00 on Fridays
const friday = '2026-11-27T16:00:00.000Z';
const monday = '2026-11-30T10:00:00.000Z';

function askedOnFriday() {
  const accepted = acceptedCase('2026-11-26T10:00:00.000Z');
  const asked = decideRequestInformation(foldEvents(accepted), { question: 'Jaki jest numer faktury?' }, contextAt(friday, alice));
  return [...accepted, ...recorded(asked).map((e) => ({ ...e, hash: 'h3' }))];
}

describe('information requests', () => {
  it('pauses the SLA clock: nothing internal falls due while the case waits on the customer', () => {
    const state = foldEvents(askedOnFriday());
    expect(state.status).toBe('awaiting_customer');
    expect(state.clocks.slaPausedSince).toBe(friday);
    expect(slaDeadline(state, state.deadlines!.firstContactBy, calendarFor(contextAt(friday, alice).policy.calendar))).toBeNull();
  });

  it('given a question asked on Friday 16:00, when the customer answers on Monday 10:00, then two working hours were paused', () => {
    given(askedOnFriday())
      .when((s) => decideCustomerMessage(s!, { text: 'Faktura 2026/114' }, contextAt(monday, desk)))
      .then([
        expect.objectContaining({
          type: 'CustomerReplied',
          data: expect.objectContaining({ text: 'Faktura 2026/114', pausedMs: 2 * 3_600_000, requestId: expect.any(String) }),
        }),
      ]);
  });

  it('moves the SLA deadlines later by the paused working time, never the regulatory one', () => {
    const asked = askedOnFriday();
    const reply = decideCustomerMessage(foldEvents(asked), { text: 'ok' }, contextAt(monday, desk));
    const state = foldEvents([...asked, ...recorded(reply).map((e) => ({ ...e, hash: 'h4' }))]);
    const calendar = calendarFor(contextAt(monday, desk).policy.calendar);
    expect(state.clocks).toEqual({ slaPausedMs: 7_200_000, slaPausedSince: null });
    const shifted = slaDeadline(state, state.deadlines!.firstContactBy, calendar)!;
    expect(calendar.workingMillisBetween(new Date(state.deadlines!.firstContactBy), shifted)).toBe(7_200_000);
    expect(state.deadlines!.finalResponseBy).toBe(foldEvents(asked).deadlines!.finalResponseBy);
  });

  it('refuses a second question while one is open; a message without an open question pauses nothing', () => {
    given(askedOnFriday()).when((s) => decideRequestInformation(s!, { question: 'again?' }, contextAt(monday, alice))).thenRefuses('conflict');
    const [message] = decideCustomerMessage(foldEvents(acceptedCase(friday)), { text: 'dziękuję' }, contextAt(monday, desk));
    expect(message.data).toMatchObject({ requestId: null, pausedMs: 0 });
  });
});
