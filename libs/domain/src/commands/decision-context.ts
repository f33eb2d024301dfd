/**
 * What every decision gets besides the state and the command: who acts, when, fresh ids,
 * and the policy (with its calendar) the case runs under. The workflow passes its own
 * deterministic clock and ids; tests pass fixed ones.
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { Actor } from '../events/complaint-events';
import type { Policy } from '../policy/policy-schema';

export interface DecisionContext {
  actor: Actor;
  now: Date;
  newId: () => string;
  policy: Policy;
  calendar: BusinessCalendar;
}

/** Envelope fields of a decided event. */
export function envelope(context: DecisionContext, actor: Actor = context.actor) {
  return { id: context.newId(), actor, occurredAt: context.now.toISOString() };
}
