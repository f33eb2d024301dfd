import fc from 'fast-check';
import { acceptedCase, contextAt, loadPolicy } from '../../../../test/support/complaint-fixtures';
import { recorded } from '../../../../test/support/given-when-then';
import { foldEvents, type EventForFold } from '../case/complaint-state';
import { SEVERITIES } from './severity';
import { caseTimers, decideTimer, nextTimer, type CaseTimer } from './case-timers';
import { decideRequestEscalation } from '../escalation/request-escalation';

const { policy, calendar } = loadPolicy('default.yaml');
const at = '2026-11-24T10:00:00.000Z'; // Tuesday 10:00 London
const system = { principal: 'system', role: 'system' };
const key = (t: CaseTimer) => `${t.kind}:${'promiseId' in t ? t.promiseId : ''}:${t.at.toISOString()}`;

describe('the deadlines a case watches', () => {
  it('given a normal case in its queue, the first to fall due is the unassigned check at the first-contact deadline', () => {
    const state = foldEvents(acceptedCase(at));
    const kinds = caseTimers(state, policy, calendar).map((t) => `${t.kind}@${t.at.toISOString()}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'unassigned@2026-11-25T10:00:00.000Z',
        'inactivity@2026-11-26T10:00:00.000Z',
        `promise-breach@${state.deadlines!.promisedResolutionBy}`,
        `promise-warning@${state.deadlines!.promiseWarningAt}`,
      ]),
    );
    expect(nextTimer(state, policy, calendar)).toMatchObject({ kind: 'unassigned', at: new Date('2026-11-25T10:00:00.000Z') });
  });

  it('when the unassigned check passes, the case goes one rung up to the manager queue', () => {
    const state = foldEvents(acceptedCase(at));
    const timer = nextTimer(state, policy, calendar)!;
    expect(decideTimer(state, timer, contextAt(timer.at, system))).toEqual([
      expect.objectContaining({ type: 'Escalated', data: expect.objectContaining({ reason: 'unassigned', toLevel: 1, role: 'manager', owner: 'queue:delivery:manager' }) }),
    ]);
  });

  it('escalates a critical complaint at once', () => {
    const state = foldEvents(acceptedCase(at, { severity: 'critical' }));
    const timer = nextTimer(state, policy, calendar)!;
    expect(timer).toMatchObject({ kind: 'severity', at: new Date(at) });
    expect(decideTimer(state, timer, contextAt(at, system))[0]).toMatchObject({ type: 'Escalated', data: { reason: 'severity' } });
  });

  it('at the top of the ladder watches only the promises', () => {
    let events: EventForFold[] = acceptedCase(at);
    for (let i = 0; i < 2; i++) {
      events = [...events, ...recorded(decideRequestEscalation(foldEvents(events), { reason: 'up' }, contextAt(at, { principal: 'alice', role: 'agent' })))];
    }
    const kinds = new Set(caseTimers(foldEvents(events), policy, calendar).map((t) => t.kind));
    expect([...kinds].sort()).toEqual(['promise-breach', 'promise-warning']);
  });

  it('never fires the same deadline twice, and keeps one owner and a rising escalation level, whatever the severity', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEVERITIES), fc.integer({ min: 0, max: 6 * 24 }), (severity, hoursLater) => {
        const start = new Date(Date.parse(at) + hoursLater * 3_600_000).toISOString();
        let events = acceptedCase(start, { severity });
        let state = foldEvents(events);
        for (let step = 0; step < 15; step++) {
          const timer = nextTimer(state, policy, calendar);
          if (!timer) break;
          const decided = decideTimer(state, timer, contextAt(timer.at, system));
          expect(decided.length).toBeGreaterThan(0);
          events = [...events, ...recorded(decided)];
          const next = foldEvents(events);
          expect(next.owner.length).toBeGreaterThan(0);
          expect(next.escalationLevel).toBeGreaterThanOrEqual(state.escalationLevel);
          expect(next.escalationLevel).toBeLessThan(policy.escalationLadder.length);
          expect(caseTimers(next, policy, calendar).map(key)).not.toContain(key(timer));
          state = next;
        }
      }),
      { numRuns: 60 },
    );
  });
});
