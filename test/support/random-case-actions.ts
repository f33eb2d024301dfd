/**
 * Random runs of a case's actions and passing deadlines, decided by the domain's own
 * deciders on the default policy: for property tests of what holds after any run.
 * Actions: 0 assign, 1 accept a handoff, 2 record a contact, 3 ask the customer, 4 the
 * customer answers, 5 escalate, 6 revise the promise, 7 add a note, 8 a deadline passing.
 */
import fc from 'fast-check';
import { contextAt, loadPolicy } from './complaint-fixtures';
import {
  decideAddNote,
  decideAssignment,
  decideCustomerMessage,
  decideHandoffAcceptance,
  decideRecordContact,
  decideRequestEscalation,
  decideRequestInformation,
  decideRevisePromise,
  decideTimer,
  nextTimer,
  type ComplaintState,
  type NewEvent,
} from '../../libs/domain/src';

const { policy, calendar } = loadPolicy('default.yaml');
const people = [
  { principal: 'alice', role: 'agent' },
  { principal: 'bob', role: 'agent' },
  { principal: 'maria', role: 'manager' },
  { principal: 'dora', role: 'director' },
];

export type Step = { action: number; who: number; target: number; minutes: number };

export function decideStep(state: ComplaintState, step: Step, now: Date): readonly NewEvent[] {
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


export const caseStep = fc.record({
  action: fc.integer({ min: 0, max: 8 }),
  who: fc.integer({ min: 0, max: people.length - 1 }),
  target: fc.integer({ min: 0, max: people.length - 1 }),
  // at most 36 h between steps: 30 steps stay within the 8 weeks of the regulatory final
  // response, past which a promise cannot be revised (an invalid command, not a refusal to expect)
  minutes: fc.integer({ min: 0, max: 36 * 60 }),
});
