/**
 * Promises to the customer are a ledger: made, revised (only with a reason; the customer
 * is told), warned before they fall due, kept or broken. The resolution date and
 * call-backs are both promises.
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { ComplaintState } from '../case/complaint-state';
import { openPromises } from '../case/complaint-state';
import type { NewEvent, PromiseRevised, ResolutionPromised } from '../events/complaint-events';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { requireOpen, requireText } from '../commands/case-guards';
import { envelope, type DecisionContext } from '../commands/decision-context';
import { requirePromiseDate } from './promise-horizon';
import { noticesField, promiseChangedNotice } from '../notices/customer-notices';

export interface RevisePromise {
  resolveBy: Date;
  reason: string;
}

export interface PromiseCallback {
  by: Date;
  reason: string;
}

/** When a promise made at `from` and due at `dueBy` is warned: after the policy's fraction of its working time. */
export function warningPoint(from: Date, dueBy: Date, warningAt: number, calendar: BusinessCalendar): Date {
  const span = calendar.workingMillisBetween(from, dueBy);
  return calendar.addWorkingMillis(from, Math.floor(span * warningAt));
}

/** Revise the open resolution promise; after a broken one, make a new promise instead. */
export function decideRevisePromise(
  state: ComplaintState,
  command: RevisePromise,
  context: DecisionContext,
): [NewEvent<PromiseRevised>] | [NewEvent<ResolutionPromised>] {
  requireOpen(state);
  requirePromiseDate(command.resolveBy, 'resolveBy', state, context);
  const reason = requireText(command.reason, 'reason', 2_000);
  const dueBy = command.resolveBy.toISOString();
  const warnAt = warningPoint(context.now, command.resolveBy, context.policy.warningAt, context.calendar).toISOString();
  const open = openPromises(state).find((p) => p.kind === 'resolution');
  const head = envelope(context);
  if (open) {
    if (open.dueBy === dueBy) throw new ComplaintRuleError('conflict', `the resolution is already promised by ${dueBy}`);
    const notice = promiseChangedNotice(state, context.policy, head.id, { kind: 'resolution', dueBy, previousDueBy: open.dueBy, reason });
    return [
      {
        ...head,
        type: 'PromiseRevised',
        data: { promiseId: open.promiseId, dueBy, previousDueBy: open.dueBy, warnAt, reason, ...noticesField(notice) },
      },
    ];
  }
  const count = state.promises.filter((p) => p.kind === 'resolution').length;
  return [newPromise(state, head, { promiseId: `resolution-${count + 1}`, kind: 'resolution', dueBy, warnAt, reason }, context)];
}

/** Promise to call the customer back by a time; kept by a call before it, broken after. */
export function decidePromiseCallback(
  state: ComplaintState,
  command: PromiseCallback,
  context: DecisionContext,
): [NewEvent<ResolutionPromised>] {
  requireOpen(state);
  requirePromiseDate(command.by, 'by', state, context);
  const reason = requireText(command.reason, 'reason', 2_000);
  const count = state.promises.filter((p) => p.kind === 'callback').length;
  return [
    newPromise(state, envelope(context), { promiseId: `callback-${count + 1}`, kind: 'callback', dueBy: command.by.toISOString(), warnAt: null, reason }, context),
  ];
}

/** A new promise (after a broken one, a call-back, a reopened case's): the customer is told. */
export function newPromise(
  state: ComplaintState,
  head: ReturnType<typeof envelope>,
  promise: Omit<ResolutionPromised['data'], 'notices'>,
  context: DecisionContext,
): NewEvent<ResolutionPromised> {
  const notice = promiseChangedNotice(state, context.policy, head.id, { kind: promise.kind, dueBy: promise.dueBy, previousDueBy: null, reason: promise.reason });
  return { ...head, type: 'ResolutionPromised', data: { ...promise, ...noticesField(notice) } };
}
