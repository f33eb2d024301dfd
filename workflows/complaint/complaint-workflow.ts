/**
 * One workflow per complaint: from intake onward it is the only writer of the case's
 * stream. It folds the recorded events into state with the domain reducer, takes each
 * human action as an update (validated first, so an invalid action never reaches
 * history), watches the case's deadlines with durable timers, decides new events with the
 * pure domain code and records them through the append activity with the expected
 * version. Actions and deadlines are serialized, so nothing races for a stream version.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { BusinessCalendar, HolidayDates } from '../../libs/domain/src/calendar/business-calendar';
import { evolve, foldEvents, type ComplaintState } from '../../libs/domain/src/case/complaint-state';
import type { DecisionContext } from '../../libs/domain/src/commands/decision-context';
import { caseTimers, decideTimer, type CaseTimer } from '../../libs/domain/src/deadlines/case-timers';
import { ComplaintRuleError } from '../../libs/domain/src/errors/complaint-rule-error';
import { SYSTEM_ACTOR, type Actor, type NewEvent, type RecordedEvent } from '../../libs/domain/src/events/complaint-events';
import { decideDeliveryOutcome, notificationsFor } from '../../libs/domain/src/notifications/notifications';
import type { ComplaintActivities } from './complaint-activities';
import { CASE_ACTIONS } from './case-actions';
import {
  caseStateQuery,
  caseUpdates,
  deliveryOutcomeSignal,
  type ActionOf,
  type ActionResult,
  type CaseCommandName,
  type CaseCommands,
  type ComplaintWorkflowInput,
} from './messages';

const { appendComplaintEvents } = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['EventIdConflictError'] },
});

/** Domain refusals become update failures the API maps to problem+json. */
function refusal(error: unknown): never {
  if (error instanceof ComplaintRuleError) {
    throw ApplicationFailure.create({
      type: error.code,
      message: error.message,
      details: [error.violations],
      nonRetryable: true,
    });
  }
  throw error;
}

function timerKey(timer: CaseTimer): string {
  const subject = 'promiseId' in timer ? timer.promiseId : 'handoffId' in timer ? timer.handoffId : '';
  return `${timer.kind}:${subject}:${timer.at.toISOString()}`;
}

export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<void> {
  const { policy } = input;
  const calendar = BusinessCalendar.fromPolicy(policy.calendar, input.publicHolidays && new HolidayDates(input.publicHolidays));
  let state: ComplaintState = input.state ?? foldEvents(input.history ?? []);
  const fired = new Set(input.firedTimers ?? []);
  let queue: Promise<unknown> = Promise.resolve();

  const context = (actor: Actor, newId: () => string = uuid4): DecisionContext => ({
    actor,
    now: new Date(),
    newId,
    policy,
    calendar,
  });

  /** Run decisions one after another, each on the state the previous one left. */
  function serialized<T>(action: () => Promise<T>): Promise<T> {
    const run = queue.then(action);
    queue = run.catch(() => undefined);
    return run;
  }

  async function record(events: readonly NewEvent[]): Promise<ActionResult> {
    if (events.length === 0) return { events: [], state };
    const result = await appendComplaintEvents({ complaintId: state.id, expectedVersion: state.version, events: [...events] });
    for (const event of result.events) {
      state = evolve(state, event);
      for (const notification of notificationsFor(event, state)) awaiting.add(notification.notificationId);
    }
    return { events: result.events, state };
  }

  /** Webhooks this case sent and still waits to hear about (it does not finish before). */
  const awaiting = new Set<string>(input.awaitingNotifications ?? pendingNotifications(input.history ?? []));

  setHandler(caseStateQuery, () => state);

  setHandler(deliveryOutcomeSignal, async (outcome) => {
    await serialized(() => record(decideDeliveryOutcome(state, outcome, context(SYSTEM_ACTOR))));
    if (outcome.ok || outcome.final) awaiting.delete(outcome.notificationId);
  });

  function handle<N extends CaseCommandName>(name: N): void {
    const decide = CASE_ACTIONS[name] as (state: ComplaintState, command: CaseCommands[N], context: DecisionContext) => readonly NewEvent[];
    const update = caseUpdates[name] as UpdateDefinition<ActionResult, [ActionOf<CaseCommands[N]>]>;
    setHandler(
      update,
      ({ actor, command }) =>
        serialized(() => {
          let events: readonly NewEvent[] = [];
          try {
            events = decide(state, command, context(actor));
          } catch (error) {
            refusal(error);
          }
          return record(events);
        }),
      {
        validator: ({ actor, command }) => {
          try {
            decide(state, command, context(actor, () => 'validation'));
          } catch (error) {
            refusal(error);
          }
        },
      },
    );
  }
  (Object.keys(caseUpdates) as CaseCommandName[]).forEach(handle);

  const firstVersion = state.version;
  const runIsLong = () =>
    workflowInfo().continueAsNewSuggested ||
    (input.maxEventsPerRun !== undefined && state.version - firstVersion >= input.maxEventsPerRun);

  while (state.status !== 'closed') {
    if (runIsLong()) {
      // a long case starts a fresh run with its state and the deadlines already acted on
      await condition(allHandlersFinished);
      await continueAsNew<typeof complaintWorkflow>({
        complaintId: input.complaintId,
        policy,
        publicHolidays: input.publicHolidays,
        state,
        firedTimers: [...fired],
        maxEventsPerRun: input.maxEventsPerRun,
        awaitingNotifications: [...awaiting],
      });
    }
    const due = caseTimers(state, policy, calendar)
      .filter((timer) => !fired.has(timerKey(timer)))
      .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    const seen = state.version;
    const waitMs = due ? Math.max(0, due.at.getTime() - Date.now()) : undefined;
    const changed = waitMs === 0 ? false : await condition(() => state.version !== seen || state.status === 'closed', waitMs);
    if (changed || !due) continue;
    fired.add(timerKey(due));
    await serialized(() => record(decideTimer(state, due, context(SYSTEM_ACTOR))));
  }
  // closed: stay to record the outcome of the last webhooks (complaint.closed), for a while
  await condition(() => awaiting.size === 0, NOTIFICATION_GRACE);
  await condition(allHandlersFinished);
}

const NOTIFICATION_GRACE = '7 days';

/** Webhooks implied by recorded events whose delivery is not yet settled. */
function pendingNotifications(history: RecordedEvent[]): string[] {
  let folded: ComplaintState | null = null;
  const implied: string[] = [];
  for (const event of history) {
    folded = evolve(folded, event);
    implied.push(...notificationsFor(event, folded).map((n) => n.notificationId));
  }
  const settled = new Set((folded?.notifications ?? []).filter((n) => n.delivered || n.abandoned).map((n) => n.notificationId));
  return implied.filter((id) => !settled.has(id));
}
