/**
 * Invariants of the reducer under any sequence of actions and passing deadlines:
 * exactly one owner at all times, the SLA clock's paused time never runs backwards,
 * the escalation level only rises, and the version counts every event. The run counts
 * what it did, so it fails if the generator's actions are (almost) all refused: every
 * invariant is checked on states that real actions reached.
 */
import fc from 'fast-check';
import { acceptedCase } from '../../../../test/support/complaint-fixtures';
import { recorded } from '../../../../test/support/given-when-then';
import { caseStep, decideStep } from '../../../../test/support/random-case-actions';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import type { NewEvent } from '../events/complaint-events';
import { foldEvents } from './complaint-state';

/** The refusals an open case may give these well-formed actions: never invalid input, never a closed case. */
const EXPECTED_REFUSALS = ['conflict', 'not-permitted'];
/** Actions an open case always takes, whoever acts (these runs never close the case). */
const ALWAYS_TAKEN = new Set([2, 7]);
const TIMER = 8;

it('keeps one owner, a monotonic SLA pause and a rising escalation level through any run of actions', () => {
  const step = caseStep;
  // over the whole property run: what was taken, what was refused and why, and what the runs reached
  const taken = new Map<number, number>();
  const refusals = new Map<string, number>();
  let actions = 0;
  const reached = { escalated: 0, handoffs: 0, clockResumed: 0 };
  fc.assert(
    fc.property(fc.array(step, { minLength: 1, maxLength: 30, size: 'max' }), (steps) => {
      let now = new Date('2026-11-24T10:00:00.000Z');
      let events = acceptedCase(now.toISOString());
      let state = foldEvents(events);
      for (const s of steps) {
        now = new Date(now.getTime() + s.minutes * 60_000);
        let decided: readonly NewEvent[] = [];
        let refusal: ComplaintRuleError | undefined;
        try {
          decided = decideStep(state, s, now);
        } catch (error) {
          if (!(error instanceof ComplaintRuleError)) throw error;
          refusal = error;
        }
        if (s.action !== TIMER) {
          actions += 1;
          if (refusal) {
            expect(EXPECTED_REFUSALS).toContain(refusal.code);
            expect(ALWAYS_TAKEN.has(s.action)).toBe(false);
            refusals.set(refusal.code, (refusals.get(refusal.code) ?? 0) + 1);
          } else {
            // a taken action is recorded: it is never silently dropped
            expect(decided.length).toBeGreaterThan(0);
            taken.set(s.action, (taken.get(s.action) ?? 0) + 1);
          }
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
      if (state.escalationLevel > 0) reached.escalated += 1;
      if (events.some((e) => e.type === 'HandoffRequested')) reached.handoffs += 1;
      if (state.clocks.slaPausedMs > 0) reached.clockResumed += 1;
    }),
    { numRuns: 150 },
  );
  // the runs did exercise the invariants: most actions were taken, every kind at least once,
  // and the states the invariants guard (escalations, handoffs, a paused and resumed clock) were reached
  const takenCount = [...taken.values()].reduce((a, b) => a + b, 0);
  expect(takenCount / actions).toBeGreaterThan(0.5); // typically about 0.7
  expect([...taken.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  expect([...refusals.keys()].sort()).toEqual(EXPECTED_REFUSALS);
  // (typically about 120, 45 and 60 of the 150 runs)
  expect(reached.escalated).toBeGreaterThan(50);
  expect(reached.handoffs).toBeGreaterThan(15);
  expect(reached.clockResumed).toBeGreaterThan(20);
});
