/**
 * Invariants of the reducer under any sequence of actions and passing deadlines:
 * exactly one owner at all times, the SLA clock's paused time never runs backwards,
 * the escalation level only rises, and the version counts every event.
 */
import fc from 'fast-check';
import { acceptedCase, contextAt, loadPolicy } from '../../../../test/support/complaint-fixtures';
import { recorded } from '../../../../test/support/given-when-then';
import { decideAssignment, decideHandoffAcceptance } from '../assignment/assignment';
import { decideAddNote } from '../commands/add-note';
import { decideTimer, nextTimer } from '../deadlines/case-timers';
import { decideRequestEscalation } from '../escalation/request-escalation';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import type { NewEvent } from '../events/complaint-events';
import { decideCustomerMessage, decideRequestInformation } from '../investigation/information-requests';
import { decideRecordContact } from '../investigation/record-contact';
import { decideRevisePromise } from '../promises/promise-ledger';
import { foldEvents, type ComplaintState } from './complaint-state';

const { policy, calendar } = loadPolicy('default.yaml');
const people = [
  { principal: 'alice', role: 'agent' },
  { principal: 'bob', role: 'agent' },
  { principal: 'maria', role: 'manager' },
  { principal: 'dora', role: 'director' },
];

type Step = { action: number; who: number; target: number; minutes: number };

function decideStep(state: ComplaintState, step: Step, now: Date): readonly NewEvent[] {
  const actor = people[step.who];
  const context = contextAt(now, actor);
  const target = people[step.target];
  switch (step.action) {
    case 0: return decideAssignment(state, { to: target.principal, toRole: target.role }, context);
    case 1: return decideHandoffAcceptance(state, contextAt(now, state.pendingHandoff ? people.find((p) => p.principal === state.pendingHandoff!.to)! : actor));
    case 2: return decideRecordContact(state, { kind: 'call', summary: 'rozmowa' }, context);
    case 3: return decideRequestInformation(state, { question: 'שאלה' }, context);
    case 4: return decideCustomerMessage(state, { text: 'odpowiedź' }, contextAt(now, { principal: 'desk-1', role: 'intake' }));
    case 5: return decideRequestEscalation(state, { reason: 'asked for a manager' }, context);
    case 6: return decideRevisePromise(state, { resolveBy: new Date(now.getTime() + 3 * 86_400_000), reason: 'new date' }, context);
    case 7: return decideAddNote(state, { text: 'note' }, { actor, now, eventId: `n-${now.getTime()}` });
    default: {
      const timer = nextTimer(state, policy, calendar);
      return timer && timer.at.getTime() <= now.getTime() ? decideTimer(state, timer, contextAt(now, actor)) : [];
    }
  }
}

it('keeps one owner, a monotonic SLA pause and a rising escalation level through any run of actions', () => {
  const step = fc.record({
    action: fc.integer({ min: 0, max: 8 }),
    who: fc.integer({ min: 0, max: people.length - 1 }),
    target: fc.integer({ min: 0, max: people.length - 1 }),
    minutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  });
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
      let now = new Date('2026-11-24T10:00:00.000Z');
      let events = acceptedCase(now.toISOString());
      let state = foldEvents(events);
      for (const s of steps) {
        now = new Date(now.getTime() + s.minutes * 60_000);
        let decided: readonly NewEvent[] = [];
        try {
          decided = decideStep(state, s, now);
        } catch (error) {
          if (!(error instanceof ComplaintRuleError)) throw error;
        }
        events = [...events, ...recorded(decided)];
        const next = foldEvents(events);
        expect(typeof next.owner).toBe('string');
        expect(next.owner.length).toBeGreaterThan(0);
        if (next.pendingHandoff) expect(next.pendingHandoff.to).not.toBe(next.owner);
        expect(next.clocks.slaPausedMs).toBeGreaterThanOrEqual(state.clocks.slaPausedMs);
        expect(next.clocks.slaPausedSince === null).toBe(!next.informationRequests.some((r) => r.answeredAt === null));
        expect(next.escalationLevel).toBeGreaterThanOrEqual(state.escalationLevel);
        expect(next.version).toBe(events.length);
        state = next;
      }
    }),
    { numRuns: 150 },
  );
});
