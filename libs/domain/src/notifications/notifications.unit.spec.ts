/**
 * Recording webhook delivery attempts: each attempt once, the escalation once per webhook
 * at the policy's limit or when the webhook is given up before it, never on a closed case.
 */
import { acceptedCase, contextAt } from '../../../../test/support/complaint-fixtures';
import { given, recorded } from '../../../../test/support/given-when-then';
import { foldEvents, type EventForFold } from '../case/complaint-state';
import { decideWithdrawal } from '../resolution/resolution-decisions';
import { decideDeliveryOutcome, escalateAfterAttempts, truncate, type DeliveryOutcome } from './notifications';

const at = '2026-11-24T10:00:00.000Z';
const system = { principal: 'system', role: 'system' };
const failure = (attempt: number, final = false): DeliveryOutcome => ({
  notificationId: 'n-1',
  type: 'complaint.acknowledged',
  attempt,
  ok: false,
  status: 503,
  error: 'HTTP 503',
  final,
});

/** The case after these outcomes, each decided and recorded in turn. */
function after(outcomes: DeliveryOutcome[], events: EventForFold[] = acceptedCase(at)): EventForFold[] {
  let all = events;
  for (const outcome of outcomes) all = [...all, ...recorded(decideDeliveryOutcome(foldEvents(all), outcome, contextAt(at, system)))];
  return all;
}

describe('webhook delivery outcomes', () => {
  const limit = escalateAfterAttempts(contextAt(at, system).policy);

  it('escalates once, right after the failure that reaches the policy’s limit', () => {
    const before = after(Array.from({ length: limit - 1 }, (_, i) => failure(i + 1)));
    expect(foldEvents(before).escalations).toHaveLength(0);
    given(before)
      .when((s) => decideDeliveryOutcome(s!, failure(limit), contextAt(at, system)))
      .then([
        expect.objectContaining({ type: 'NotificationFailed', data: expect.objectContaining({ attempt: limit, final: false }) }),
        expect.objectContaining({ type: 'Escalated', data: expect.objectContaining({ reason: 'notification-failure' }) }),
      ]);
    const further = after([failure(limit), failure(limit + 1), failure(limit + 2)], before);
    expect(foldEvents(further).escalations.map((e) => e.reason)).toEqual(['notification-failure']);
  });

  it('records an attempt reported twice once (a relay that signalled and then rolled back)', () => {
    const events = after([failure(1), failure(2)]);
    given(events).when((s) => decideDeliveryOutcome(s!, failure(2), contextAt(at, system))).then([]);
    given(events).when((s) => decideDeliveryOutcome(s!, failure(1), contextAt(at, system))).then([]);
    const atLimit = after(Array.from({ length: limit }, (_, i) => failure(i + 1)));
    given(atLimit).when((s) => decideDeliveryOutcome(s!, failure(limit), contextAt(at, system))).then([]);
  });

  it('escalates when a webhook is given up before the limit (a refused destination), and not again', () => {
    given(acceptedCase(at))
      .when((s) => decideDeliveryOutcome(s!, failure(1, true), contextAt(at, system)))
      .then([
        expect.objectContaining({ type: 'NotificationFailed', data: expect.objectContaining({ attempt: 1, final: true }) }),
        expect.objectContaining({ type: 'Escalated', data: expect.objectContaining({ reason: 'notification-failure' }) }),
      ]);
    const abandoned = after([failure(1, true)]);
    expect(foldEvents(abandoned).notifications).toEqual([expect.objectContaining({ notificationId: 'n-1', abandoned: true })]);
    given(abandoned).when((s) => decideDeliveryOutcome(s!, failure(2, true), contextAt(at, system))).then([]);
  });

  it('records the failure of a closed case’s webhook without escalating it', () => {
    const closed = [...acceptedCase(at), ...recorded(decideWithdrawal(foldEvents(acceptedCase(at)), { reason: 'rozwiązane' }, contextAt(at, { principal: 'desk-1', role: 'intake' })))];
    given(closed)
      .when((s) => decideDeliveryOutcome(s!, failure(limit), contextAt(at, system)))
      .then([expect.objectContaining({ type: 'NotificationFailed' })]);
  });
});

describe('truncate', () => {
  it('never cuts a surrogate pair in half', () => {
    expect(truncate('ab📞', 3)).toBe('ab');
    expect(truncate('ab📞', 4)).toBe('ab📞');
    expect(truncate('abcd', 2)).toBe('ab');
    expect(truncate(`${'x'.repeat(999)}📞`, 1_000).isWellFormed()).toBe(true);
  });
});
