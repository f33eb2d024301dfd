/**
 * Closing a case. Every promise still open is settled explicitly as it closes: a promise
 * the case closes without fulfilling is recorded broken (reason `closed`).
 */
import { openPromises, type ComplaintState } from '../case/complaint-state';
import type { Closure } from '../case/complaint-values';
import { SYSTEM_ACTOR, type NewEvent } from '../events/complaint-events';
import { envelope, type DecisionContext } from './decision-context';

export function closeCase(state: ComplaintState, closure: Closure, reason: string | null, context: DecisionContext): NewEvent[] {
  const system = { ...context, actor: SYSTEM_ACTOR };
  const broken: NewEvent[] = openPromises(state).map((p) => ({
    ...envelope(system),
    type: 'PromiseBroken',
    data: { promiseId: p.promiseId, dueBy: p.dueBy, reason: 'closed' },
  }));
  return [...broken, { ...envelope(context), type: 'ComplaintClosed', data: { closure, reason, mergedInto: null } }];
}
