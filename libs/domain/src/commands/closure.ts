/**
 * Closing a case, whatever the closure. Everything still open on the case is settled
 * explicitly as it closes, so nothing is left hanging on a closed case: a compensation
 * proposal still waiting for its decision is rejected by the system, and a promise the
 * case closes without fulfilling is recorded broken (reason `closed`).
 */
import { openPromises, type ComplaintState } from '../case/complaint-state';
import type { Closure } from '../case/complaint-values';
import { SYSTEM_ACTOR, type NewEvent } from '../events/complaint-events';
import { envelope, type DecisionContext } from './decision-context';
import { closureNotice, noticesField } from '../notices/customer-notices';

function releaseReason(closure: Closure, mergedInto: string | null): string {
  switch (closure) {
    case 'withdrawn':
      return 'the complaint was withdrawn';
    case 'merged':
      return `the complaint was merged into case ${mergedInto}`;
    case 'confirmed':
    case 'unconfirmed':
      return 'the complaint was closed';
  }
}

/** The events that close the case, the customer told how it ended; `mergedInto` names the older case of a `merged` closure. */
export function closeCase(
  state: ComplaintState,
  closure: Closure,
  reason: string | null,
  context: DecisionContext,
  mergedInto: string | null = null,
  /** the older case's reference, for the customer's notice */
  mergedReference: string | null = null,
): NewEvent[] {
  const system = { ...context, actor: SYSTEM_ACTOR };
  const released: NewEvent[] = state.compensation
    .filter((p) => p.status === 'pending_approval')
    .map((p) => ({
      ...envelope(system),
      type: 'CompensationRejected',
      data: { proposalId: p.proposalId, by: 'system', role: 'system', reason: releaseReason(closure, mergedInto) },
    }));
  const broken: NewEvent[] = openPromises(state).map((p) => ({
    ...envelope(system),
    type: 'PromiseBroken',
    data: { promiseId: p.promiseId, dueBy: p.dueBy, reason: 'closed' },
  }));
  const head = envelope(context);
  const notice = closureNotice(state, context.policy, head.id, { closure, mergedInto: mergedReference ?? mergedInto });
  return [...released, ...broken, { ...head, type: 'ComplaintClosed', data: { closure, reason, mergedInto, ...noticesField(notice) } }];
}
