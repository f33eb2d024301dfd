/**
 * Given/when/then for the pure decision logic: given the recorded events of a case, when
 * a decision runs on the state they fold to, then it yields these events or refuses.
 */
import {
  foldEvents,
  type ComplaintState,
  type EventForFold,
  type NewEvent,
  ComplaintRuleError,
  type ComplaintRuleCode,
} from '../../libs/domain/src';

type Decision = (state: ComplaintState | null) => readonly NewEvent[];

export function given(events: readonly EventForFold[]) {
  const state = events.length ? foldEvents(events) : null;
  return {
    state,
    when(decide: Decision) {
      return {
        then(expected: readonly NewEvent[]) {
          expect(decide(state)).toEqual(expected);
        },
        thenRefuses(code: ComplaintRuleCode, path?: string) {
          let refusal: unknown;
          try {
            decide(state);
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(ComplaintRuleError);
          expect((refusal as ComplaintRuleError).code).toBe(code);
          if (path) expect((refusal as ComplaintRuleError).violations.map((v) => v.path)).toContain(path);
        },
      };
    },
  };
}

/** Decided events as the store would record them (enough of the envelope to fold). */
export function recorded(events: readonly NewEvent[]): EventForFold[] {
  return events.map((event, index) => ({ ...event, hash: `hash-${index + 1}` }) as EventForFold);
}
