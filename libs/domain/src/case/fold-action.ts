/**
 * One action's events folded once, by whoever decided them (the case's workflow, or intake
 * for a new case): the case after them, what they change in its read model, and the
 * webhooks they cause. The store writes the events with exactly this; it never folds.
 */
import { evolve, type ComplaintState } from './complaint-state';
import { caseChanges, type CaseChanges } from './case-changes';
import type { NewEvent } from '../events/complaint-events';
import { notificationsFor, type Notification } from '../notifications/notifications';

export interface FoldedAction {
  /**
   * The case after the events. Its `headHash` is the hash of the last event when the events
   * were recorded ones; for decided events (no hash yet) it is empty until the store has
   * chained them: `withHead` sets it.
   */
  state: ComplaintState;
  changes: CaseChanges;
  /** the webhooks the events cause, in order */
  notifications: Notification[];
}

export function foldAction(before: ComplaintState | null, events: readonly (NewEvent & { hash?: string })[]): FoldedAction {
  let state = before;
  const notifications: Notification[] = [];
  for (const event of events) {
    state = evolve(state, { ...event, hash: event.hash ?? '' });
    notifications.push(...notificationsFor(event, state));
  }
  if (!state) throw new Error('an action records at least one event');
  return { state, changes: caseChanges(before, state), notifications };
}

/** The case once its events are recorded: the stream's head is the hash of its last event. */
export function withHead(state: ComplaintState, headHash: string): ComplaintState {
  return { ...state, headHash };
}
