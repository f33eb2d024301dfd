/**
 * One workflow per complaint: from intake onward it is the only writer of the case's
 * stream. It folds the recorded events into state with the domain reducer, takes each
 * human action as an update (validated first, so an invalid action never reaches
 * history), decides new events with the pure domain code and records them through the
 * append activity with the expected version. Actions are serialized, so two updates
 * can never race for the same stream version.
 */
import { ApplicationFailure, condition, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import { evolve, foldEvents, type ComplaintState } from '../../libs/domain/src/case/complaint-state';
import type { NewEvent } from '../../libs/domain/src/events/complaint-events';
import { decideAddNote, validateAddNote } from '../../libs/domain/src/commands/add-note';
import { ComplaintRuleError } from '../../libs/domain/src/errors/complaint-rule-error';
import type { ComplaintActivities } from './complaint-activities';
import { addNoteUpdate, caseStateQuery, type ActionResult, type ComplaintWorkflowInput } from './messages';

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

function validated(check: () => void): void {
  try {
    check();
  } catch (error) {
    refusal(error);
  }
}

export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<void> {
  let state: ComplaintState = foldEvents(input.history);
  let queue: Promise<unknown> = Promise.resolve();

  /** Run actions one after another, each on the state the previous one left. */
  function serialized<T>(action: () => Promise<T>): Promise<T> {
    const run = queue.then(action);
    queue = run.catch(() => undefined);
    return run;
  }

  async function record(events: NewEvent[]): Promise<ActionResult> {
    const result = await appendComplaintEvents({ complaintId: state.id, expectedVersion: state.version, events });
    state = result.events.reduce(evolve, state);
    return { events: result.events, state };
  }

  setHandler(caseStateQuery, () => state);

  setHandler(
    addNoteUpdate,
    ({ actor, command }) =>
      serialized(() => {
        let events: NewEvent[] = [];
        validated(() => (events = decideAddNote(state, command, { actor, now: new Date(), eventId: uuid4() })));
        return record(events);
      }),
    { validator: ({ command }) => validated(() => validateAddNote(state, command)) },
  );

  await condition(() => state.status === 'closed');
}
