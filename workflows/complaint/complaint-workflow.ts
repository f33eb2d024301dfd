/**
 * One workflow per complaint: from intake onward it is the only writer of the case's
 * stream. It folds the recorded events into state with the domain reducer, takes each
 * human action as an update (validated first, so an invalid action never reaches
 * history), watches the case's deadlines with durable timers, decides new events with the
 * pure domain code and records them through the append activity with the expected
 * version. Actions and deadlines are serialized, so nothing races for a stream version.
 * Its search attributes show the case as it stands, so Temporal's UI and CLI find it.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  BusinessCalendar,
  HolidayDates,
  foldAction,
  withHead,
  type FoldedAction,
  type ComplaintState,
  type DecisionContext,
  caseTimers,
  decideTimer,
  type CaseTimer,
  ComplaintRuleError,
  SYSTEM_ACTOR,
  type Actor,
  type NewEvent,
  type RecordedEvent,
  decideDeliveryOutcome,
} from '../../libs/domain/src/workflow';
import { ACTION_FAILURE } from './action-failures';
import { headAfter, type ComplaintActivities } from './complaint-activities';
import { CASE_ACTIONS } from './case-actions';
import { changedSearchAttributes } from './case-search-attributes';
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

/**
 * An append is one statement: a transient fault (database down or overloaded) is retried
 * for at most 10 seconds, so a person's action fails (and the API answers 503) before the
 * API stops waiting for it (15 s), and nothing it was told failed is recorded later.
 * Content the store refuses fails at once (the activity marks it non-retryable).
 */
const { appendComplaintEvents } = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '5 seconds',
  scheduleToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', backoffCoefficient: 2, maximumInterval: '2 seconds', maximumAttempts: 8 },
});

/**
 * Why a decision could not be taken, as the failure its action ends with: a domain
 * refusal keeps its code (the API maps it); anything else thrown by deciding is a bug,
 * failed as `internal-error` instead of failing the workflow task (which would leave the
 * case answering nothing until the code is fixed).
 */
function refusal(error: unknown, caseId: string): ApplicationFailure {
  if (error instanceof ComplaintRuleError) {
    return ApplicationFailure.create({ type: error.code, message: error.message, details: [error.violations], nonRetryable: true });
  }
  log.error('a decision threw unexpectedly; the action fails and the case stays as it was', { caseId, error: String(error) });
  return ApplicationFailure.create({ type: ACTION_FAILURE.internal, message: 'the engine could not decide this action; it has been logged', nonRetryable: true });
}

/** The failure type a failed action ended with. */
function failureType(error: unknown): string | undefined {
  return error instanceof ApplicationFailure ? (error.type ?? undefined) : undefined;
}

/**
 * The patch under which a run sets its case's search attributes: a history recorded before
 * (no marker) replays without those commands, and its run gets them at its next recorded
 * action once it runs this code.
 */
const SEARCH_ATTRIBUTES_PATCH = 'case-search-attributes';

/** The patch under which an action the stream moved past is decided again (decideAndRecord). */
const REDECIDE_PATCH = 'redecide-after-stale-version';
const DECISIONS_PER_ACTION = 3;

function timerKey(timer: CaseTimer): string {
  const subject = 'promiseId' in timer ? timer.promiseId : 'handoffId' in timer ? timer.handoffId : '';
  return `${timer.kind}:${subject}:${timer.at.toISOString()}`;
}

export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<void> {
  const { policy } = input;
  const calendar = BusinessCalendar.fromPolicy(policy.calendar, input.publicHolidays && new HolidayDates(input.publicHolidays));
  const started = input.state ? null : foldHistory(input.history ?? []);
  let state: ComplaintState = input.state ?? started!.state;
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

  /**
   * Show the case as it stands in its search attributes, upserting those that changed (the
   * first time, every one: a run started without them, by an earlier version of the starter).
   * Behind a patch: a history recorded before them replays without these commands.
   */
  function showInSearchAttributes(): void {
    const changed = changedSearchAttributes(state, workflowInfo().typedSearchAttributes);
    if (changed.length > 0 && patched(SEARCH_ATTRIBUTES_PATCH)) upsertSearchAttributes(changed);
  }

  /** Take a fold's result as the case's state, awaiting the webhooks its events cause. */
  function adopt(folded: FoldedAction): void {
    state = folded.state;
    for (const notification of folded.notifications) awaiting.add(notification.notificationId);
    showInSearchAttributes();
  }

  /**
   * Record decided events: folded once, here, and sent with what the fold produced (the
   * read-model changes and the webhooks) for the activity to write as it is. On failure the
   * case's state is untouched (nothing was recorded) and the action fails with what
   * happened: the store refused the content, the store stayed unavailable for the whole
   * retry budget (an alert), or the stream had moved on (its missed events are folded, so
   * the next action starts from the truth).
   */
  async function record(events: readonly NewEvent[]): Promise<ActionResult> {
    if (events.length === 0) return { version: state.version, recorded: 0 };
    let folded: FoldedAction;
    try {
      folded = foldAction(state, events);
    } catch (error) {
      throw refusal(error, state.id);
    }
    try {
      const result = await appendComplaintEvents({
        complaintId: state.id,
        expectedVersion: state.version,
        knownHead: state.headHash,
        events: [...events],
        changes: folded.changes,
        notifications: folded.notifications,
      });
      adopt({ ...folded, state: withHead(folded.state, headAfter(result)) });
      return { version: state.version, recorded: events.length };
    } catch (error) {
      throw appendFailure(error);
    }
  }

  /**
   * Decide (a refusal or an unexpected error fails the action) and record what was decided.
   * When the stream had moved on, its missed events are folded by then, so the action is
   * decided again on the truth, up to DECISIONS_PER_ACTION times, rather than failed: a
   * caller retrying with the same Idempotency-Key (the update id) would only be answered
   * the failure again. Behind a patch: a history that failed such an action replays as it was.
   */
  async function decideAndRecord(decide: () => readonly NewEvent[]): Promise<ActionResult> {
    for (let decision = 1; ; decision += 1) {
      let events: readonly NewEvent[];
      try {
        events = decide();
      } catch (error) {
        throw refusal(error, state.id);
      }
      try {
        return await record(events);
      } catch (error) {
        const again = failureType(error) === ACTION_FAILURE.staleVersion && decision < DECISIONS_PER_ACTION;
        if (!again || !patched(REDECIDE_PATCH)) throw error;
        log.warn('the stream had moved on; the action is decided again on its events', { caseId: state.id, version: state.version, decision });
      }
    }
  }

  function appendFailure(error: unknown): ApplicationFailure {
    const cause = error instanceof ActivityFailure ? error.cause : error;
    const type = failureType(cause);
    const message = cause instanceof Error ? cause.message : String(cause);
    if (type === ACTION_FAILURE.staleVersion) {
      const missed = ((cause as ApplicationFailure).details?.[0] as RecordedEvent[] | undefined) ?? [];
      if (missed.length > 0) adopt(foldAction(state, missed));
      return ApplicationFailure.create({ type: ACTION_FAILURE.staleVersion, message: 'the case kept changing while this action was decided', nonRetryable: true });
    }
    if (type === ACTION_FAILURE.contentRefused || type === ACTION_FAILURE.internal) {
      log.error('an append was refused; the action fails and the case stays as it was', { caseId: state.id, type, message });
      return ApplicationFailure.create({ type, message, nonRetryable: true });
    }
    log.error('ALERT: the event store did not answer within the retry budget; the action fails, nothing was recorded', { caseId: state.id, message });
    return ApplicationFailure.create({ type: ACTION_FAILURE.storeUnavailable, message: `the event store is unavailable: ${message}`, nonRetryable: true });
  }

  /** Webhooks this case sent and still waits to hear about (it does not finish before). */
  const awaiting = new Set<string>(input.awaitingNotifications ?? started?.awaiting ?? []);

  setHandler(caseStateQuery, () => state);
  // at the run's start: nothing to upsert for a run started with them or continued from one
  showInSearchAttributes();

  /**
   * A delivery outcome has nobody waiting for an answer: while the store is unavailable it
   * is retried here (the case's other actions queue behind it); any other failure is
   * logged and the outcome dropped rather than failing the workflow.
   */
  setHandler(deliveryOutcomeSignal, async (outcome) => {
    for (let pauseMs = 1_000; ; pauseMs = Math.min(pauseMs * 2, 5 * 60_000)) {
      try {
        await serialized(async () => decideAndRecord(() => decideDeliveryOutcome(state, outcome, context(SYSTEM_ACTOR))));
        break;
      } catch (error) {
        if (failureType(error) !== ACTION_FAILURE.storeUnavailable) {
          log.error('a delivery outcome could not be recorded and is dropped', { caseId: state.id, notificationId: outcome.notificationId, error: String(error) });
          break;
        }
        await sleep(pauseMs);
      }
    }
    if (outcome.ok || outcome.final) awaiting.delete(outcome.notificationId);
  });

  function handle<N extends CaseCommandName>(name: N): void {
    const decide = CASE_ACTIONS[name] as (state: ComplaintState, command: CaseCommands[N], context: DecisionContext) => readonly NewEvent[];
    const update = caseUpdates[name] as UpdateDefinition<ActionResult, [ActionOf<CaseCommands[N]>]>;
    setHandler(
      update,
      ({ actor, command }) =>
        serialized(async () => decideAndRecord(() => decide(state, command, context(actor)))),
      {
        validator: ({ actor, command }) => {
          try {
            decide(state, command, context(actor, () => 'validation'));
          } catch (error) {
            throw refusal(error, state.id);
          }
        },
      },
    );
  }
  (Object.keys(caseUpdates) as CaseCommandName[]).forEach(handle);

  let timerPauseMs = 0;
  let timerRetryAt = 0;

  /** The earliest deadline not yet acted on (none if the deadlines cannot be computed: logged). */
  function nextDue(): CaseTimer | undefined {
    try {
      return caseTimers(state, policy, calendar)
        .filter((timer) => !fired.has(timerKey(timer)))
        .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
    } catch (error) {
      log.error('the case’s deadlines could not be computed; it waits for the next action', { caseId: state.id, error: String(error) });
      return undefined;
    }
  }

  /**
   * Act on a deadline once. False when the store was unavailable (try again later); a
   * deadline whose decision or content fails for good is logged and left behind, so one
   * bad deadline cannot stop the case.
   */
  async function actOnDeadline(due: CaseTimer): Promise<boolean> {
    fired.add(timerKey(due));
    try {
      await decideAndRecord(() => decideTimer(state, due, context(SYSTEM_ACTOR)));
      return true;
    } catch (error) {
      if (failureType(error) === ACTION_FAILURE.storeUnavailable) {
        fired.delete(timerKey(due));
        return false;
      }
      if (failureType(error) === ACTION_FAILURE.staleVersion) {
        // the stream kept moving on: its missed events are folded now; decide the deadline again
        fired.delete(timerKey(due));
        return true;
      }
      log.error('a deadline could not be acted on and is left behind', { caseId: state.id, deadline: timerKey(due), error: String(error) });
      return true;
    }
  }

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
    const due = nextDue();
    const seen = state.version;
    // a deadline whose events the store could not take is tried again after a pause
    const waitMs = due ? Math.max(0, due.at.getTime() - Date.now(), timerRetryAt - Date.now()) : undefined;
    const changed = waitMs === 0 ? false : await condition(() => state.version !== seen || state.status === 'closed', waitMs);
    if (changed || !due) continue;
    if (await serialized(() => actOnDeadline(due))) {
      timerPauseMs = 0;
      timerRetryAt = 0;
    } else {
      timerPauseMs = Math.min(Math.max(timerPauseMs * 2, 5_000), 10 * 60_000);
      timerRetryAt = Date.now() + timerPauseMs;
    }
  }
  // closed: stay to record the outcome of the last webhooks (complaint.closed), for a while
  await condition(() => awaiting.size === 0, NOTIFICATION_GRACE);
  await condition(allHandlersFinished);
}

const NOTIFICATION_GRACE = '7 days';

/**
 * The case folded from its recorded events (a run started from intake onward), with the
 * webhooks those events caused whose delivery is not yet settled.
 */
function foldHistory(history: readonly RecordedEvent[]): { state: ComplaintState; awaiting: string[] } {
  const { state, notifications } = foldAction(null, history);
  const settled = new Set(state.notifications.filter((n) => n.delivered || n.abandoned).map((n) => n.notificationId));
  return { state, awaiting: notifications.map((n) => n.notificationId).filter((id) => !settled.has(id)) };
}
