/**
 * The complaint workflow on Temporal's time-skipping test server (the provisioned binary,
 * no download), with the append activity replaced by an in-memory stream at the edge:
 * updates are validated before they reach history, decided events are appended with the
 * expected version, concurrent updates are serialized, and the recorded history replays
 * deterministically against the current workflow code.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { type EventForFold, type RecordedEvent, type DeliveryOutcome } from '../../libs/domain/src';
import { timeSkippingExecutable } from '../../libs/embedded-services/src';
import { acceptedCase, loadPolicy, received } from '../../test/support/complaint-fixtures';
import { eventually } from '../../test/support/eventually';
import type { AppendComplaintEventsInput, ComplaintActivities } from './complaint-activities';
import { addNoteUpdate, caseStateQuery, caseUpdates, complaintWorkflowId, deliveryOutcomeSignal } from './messages';
import { complaintWorkflowInput } from '../../libs/case-workflows/src';
import { complaintWorkflow } from './complaint-workflow';
import { CASE_SEARCH_ATTRIBUTE_KEYS, caseSearchAttributes } from './case-search-attributes';

let env: TestWorkflowEnvironment;
const { policy } = loadPolicy('default.yaml');

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: timeSkippingExecutable() } });
  // the workflow sets the case's search attributes, which must exist first: as the worker
  // ensures them before it polls (this server has no ListSearchAttributes, so added at once)
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.values(CASE_SEARCH_ATTRIBUTE_KEYS).map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!])),
  });
});

afterAll(async () => {
  await env?.teardown();
});

/** An in-memory stream with the store's compare-and-set, at the activity edge. */
function memoryStream(history: RecordedEvent[]) {
  const events = [...history];
  const appendComplaintEvents = jest.fn(async (input: AppendComplaintEventsInput) => {
    if (input.expectedVersion !== events.length) throw new Error(`expected ${input.expectedVersion}, actual ${events.length}`);
    const recordedNow = input.events.map(
      (event, index) =>
        ({
          ...event,
          streamId: `complaint-${input.complaintId}`,
          position: input.expectedVersion + index + 1,
          schemaVersion: 1,
          recordedAt: event.occurredAt,
          hash: `h${input.expectedVersion + index + 1}`,
          previousHash: `h${input.expectedVersion + index}`,
        }) as RecordedEvent,
    );
    events.push(...recordedNow);
    return { version: events.length, headHash: recordedNow[recordedNow.length - 1].hash };
  });
  return { events, activities: { appendComplaintEvents } satisfies ComplaintActivities };
}

function intakeHistory(complaintId: string): RecordedEvent[] {
  return [
    {
      ...received,
      data: { ...received.data, complaintId } as RecordedEvent['data'],
      streamId: `complaint-${complaintId}`,
      position: 1,
      schemaVersion: 1,
      recordedAt: received.occurredAt,
      hash: 'h1',
      previousHash: '0'.repeat(64),
    } as RecordedEvent,
  ];
}

it('records valid notes in order, refuses invalid ones before history, and replays deterministically', async () => {
  const complaintId = randomUUID();
  const stream = memoryStream(intakeHistory(complaintId));

  const history = await runWorker(stream, async (taskQueue) => {
    const handle = await startCase(taskQueue, complaintId, intakeHistory(complaintId));
    const actor = { principal: 'alice', role: 'agent' };
    const results = await Promise.all(
      ['pierwsza', 'שנייה', 'third 📞'].map((text) => handle.executeUpdate(addNoteUpdate, { args: [{ actor, command: { text } }] })),
    );
    const refused = handle.executeUpdate(addNoteUpdate, { args: [{ actor, command: { text: '   ' } }] });
    await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(refused).rejects.toMatchObject({ cause: { type: 'invalid-command' } });

    expect(results.map((r) => r.version).sort()).toEqual([2, 3, 4]);
    const state = await handle.query(caseStateQuery);
    expect(state.version).toBe(4);
    expect(state.notes.map((n) => n.text).sort()).toEqual(['pierwsza', 'third 📞', 'שנייה'].sort());
    return handle.fetchHistory();
  });

  expect(stream.activities.appendComplaintEvents.mock.calls.map(([input]) => input.expectedVersion)).toEqual([1, 2, 3]);
  expect(stream.events.map((e) => e.type)).toEqual(['ComplaintReceived', 'NoteAdded', 'NoteAdded', 'NoteAdded']);
  const accepted = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  expect(accepted).toHaveLength(3);

  await Worker.runReplayHistory(
    { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } },
    history,
    complaintWorkflowId(complaintId),
  );
});

/** Recorded events of a case accepted at `at`, as the store would hand them to the workflow. */
function acceptedHistory(complaintId: string, at: string, callbackUrl: string | null = null): RecordedEvent[] {
  return acceptedCase(at).map(
    (event: EventForFold, index) =>
      ({
        ...event,
        data: event.type === 'ComplaintReceived' ? { ...event.data, complaintId, callbackUrl } : event.data,
        streamId: `complaint-${complaintId}`,
        position: index + 1,
        schemaVersion: 1,
        recordedAt: event.occurredAt,
        hash: `h${index + 1}`,
        previousHash: index === 0 ? '0'.repeat(64) : `h${index}`,
      }) as RecordedEvent,
  );
}

async function runWorker<T>(stream: ReturnType<typeof memoryStream>, body: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `wf-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    activities: stream.activities,
  });
  return worker.runUntil(body(taskQueue));
}

/** Start the case's workflow on `taskQueue` with the given history (and extra input). */
function startCase(taskQueue: string, complaintId: string, history: RecordedEvent[], extra: { maxEventsPerRun?: number } = {}) {
  return env.client.workflow.start(complaintWorkflow, {
    workflowId: complaintWorkflowId(complaintId),
    taskQueue,
    args: [{ ...complaintWorkflowInput(complaintId, policy, history), ...extra }],
  });
}

it('watches day- and week-scale deadlines on the business calendar without real waiting', async () => {
  const complaintId = randomUUID();
  const at = new Date(Date.now() - 1_000).toISOString();
  const history = acceptedHistory(complaintId, at);
  const stream = memoryStream(history);
  const deadlines = (history[1].data as unknown as { deadlines: Record<string, string> }).deadlines;

  await runWorker(stream, async (taskQueue) => {
    await startCase(taskQueue, complaintId, history);
    await env.sleep('1 hour');
    expect(stream.events.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintAcknowledged']);
    await env.sleep('30 days');
  });

  const recordedAfter = stream.events.slice(2);
  const unassigned = recordedAfter.find((e) => e.type === 'Escalated' && e.data.reason === 'unassigned')!;
  const warning = recordedAfter.find((e) => e.type === 'PromiseWarning')!;
  const broken = recordedAfter.find((e) => e.type === 'PromiseBroken')!;
  expect(Date.parse(unassigned.occurredAt)).toBeGreaterThanOrEqual(Date.parse(deadlines.firstContactBy));
  expect(Date.parse(warning.occurredAt)).toBeGreaterThanOrEqual(Date.parse(deadlines.promiseWarningAt));
  expect(Date.parse(broken.occurredAt)).toBeGreaterThanOrEqual(Date.parse(deadlines.promisedResolutionBy));
  expect(Date.parse(warning.occurredAt)).toBeLessThan(Date.parse(broken.occurredAt));
  // up the ladder to the top (director) and no further
  const levels = recordedAfter.filter((e) => e.type === 'Escalated').map((e) => (e.data as { toLevel: number }).toLevel);
  expect(levels).toEqual([1, 2]);
  expect(stream.events.map((e) => e.position)).toEqual(stream.events.map((_, i) => i + 1));
});

it('continues as new on a long case, carrying its state, with no event lost or recorded twice', async () => {
  const complaintId = randomUUID();
  // received but not yet acknowledged: no deadline runs, so the time-skipping server
  // (which skips time while the client waits) cannot add escalations to this run
  const history = intakeHistory(complaintId);
  const stream = memoryStream(history);
  const texts = Array.from({ length: 7 }, (_, i) => `notatka ${i + 1}`);

  const { firstRunId, lastRunId, state } = await runWorker(stream, async (taskQueue) => {
    const handle = await startCase(taskQueue, complaintId, history, { maxEventsPerRun: 3 });
    for (const text of texts) {
      await handle.executeUpdate(addNoteUpdate, { args: [{ actor: { principal: 'alice', role: 'agent' }, command: { text } }] });
    }
    const latest = env.client.workflow.getHandle(complaintWorkflowId(complaintId));
    return { firstRunId: handle.firstExecutionRunId, lastRunId: (await latest.describe()).runId, state: await latest.query(caseStateQuery) };
  });

  expect(lastRunId).not.toBe(firstRunId);
  expect(state.version).toBe(1 + texts.length);
  expect(state.notes.map((n) => n.text)).toEqual(texts);
  expect(stream.activities.appendComplaintEvents.mock.calls.map(([input]) => input.expectedVersion)).toEqual(
    texts.map((_, i) => 1 + i),
  );
  expect(stream.events.filter((e) => e.type === 'NoteAdded')).toHaveLength(texts.length);
});

it('fails the replay of a recorded history when the workflow code changes nondeterministically', async () => {
  const complaintId = randomUUID();
  const stream = memoryStream(intakeHistory(complaintId));
  const history = await runWorker(stream, async (taskQueue) => {
    const handle = await startCase(taskQueue, complaintId, intakeHistory(complaintId));
    await handle.executeUpdate(addNoteUpdate, { args: [{ actor: { principal: 'alice', role: 'agent' }, command: { text: 'x' } }] });
    return handle.fetchHistory();
  });
  const changed = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../test/fixtures/nondeterministic-workflow'),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });

  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
  await expect(Worker.runReplayHistory({ workflowBundle: changed }, history)).rejects.toBeInstanceOf(DeterminismViolationError);
});

describe('continue-as-new with a deadline pending and webhooks in flight', () => {
  const alice = { principal: 'alice', role: 'agent' };
  const callbackUrl = 'https://intake.example/complaints/hooks';
  const acknowledgedWebhook = (outcome: Partial<DeliveryOutcome>): DeliveryOutcome => ({
    notificationId: 'e-2', // the acknowledgment's event id (acceptedCase)
    type: 'complaint.acknowledged',
    attempt: 1,
    ok: true,
    status: 204,
    error: null,
    final: false,
    ...outcome,
  });

  /** A case accepted just now (server time) with a callback, its workflow started with a run limit of two events. */
  async function startAwaitingCase(taskQueue: string, complaintId: string, history: RecordedEvent[]) {
    const handle = await startCase(taskQueue, complaintId, history, { maxEventsPerRun: 2 });
    return { handle, latest: env.client.workflow.getHandle(complaintWorkflowId(complaintId)) };
  }

  async function addNotes(handle: ReturnType<typeof env.client.workflow.getHandle>, texts: string[]) {
    for (const text of texts) await handle.executeUpdate(addNoteUpdate, { args: [{ actor: alice, command: { text } }] });
  }

  /** The run after `runId`, once the workflow has continued as new. */
  function runAfter(complaintId: string, runId: string) {
    const latest = env.client.workflow.getHandle(complaintWorkflowId(complaintId));
    return eventually(async () => {
      const { runId: current } = await latest.describe();
      return current !== runId ? current : undefined;
    }, 30_000, 'the workflow to continue as new');
  }

  function recordedIn(stream: ReturnType<typeof memoryStream>, what: string, predicate: (e: RecordedEvent) => boolean) {
    return eventually(async () => stream.events.find(predicate), 30_000, what);
  }

  it('fires the pending deadline exactly once after it and records the delivery outcome signalled to the new run', async () => {
    const complaintId = randomUUID();
    const history = acceptedHistory(complaintId, new Date((await env.currentTimeMs()) - 1_000).toISOString(), callbackUrl);
    const deadlines = (history[1].data as unknown as { deadlines: Record<string, string> }).deadlines;
    const stream = memoryStream(history);

    const runs = await runWorker(stream, async (taskQueue) => {
      const { handle, latest } = await startAwaitingCase(taskQueue, complaintId, history);
      await addNotes(handle, ['pierwsza', 'שנייה']);
      const second = await runAfter(complaintId, handle.firstExecutionRunId);
      // continued as new before the first-contact deadline, with the acknowledgment's webhook unanswered
      expect(stream.events.map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintAcknowledged', 'NoteAdded', 'NoteAdded']);
      expect(Date.parse(deadlines.firstContactBy)).toBeGreaterThan(await env.currentTimeMs());

      await latest.signal(deliveryOutcomeSignal, acknowledgedWebhook({ attempt: 2 }));
      await recordedIn(stream, 'the delivery recorded', (e) => e.type === 'NotificationSent');
      expect((await latest.query(caseStateQuery)).notifications).toEqual([
        { notificationId: 'e-2', type: 'complaint.acknowledged', attempts: 2, delivered: true, abandoned: false, lastError: null },
      ]);

      await env.sleep(Date.parse(deadlines.firstContactBy) - (await env.currentTimeMs()) + 60_000);
      await recordedIn(stream, 'the unassigned escalation', (e) => e.type === 'Escalated' && e.data.reason === 'unassigned');
      // on through every later deadline of the case, each run rebuilding its timers from the carried state
      await env.sleep(Date.parse(deadlines.promisedResolutionBy) - (await env.currentTimeMs()) + 60_000);
      await recordedIn(stream, 'the broken resolution promise', (e) => e.type === 'PromiseBroken' && e.data.promiseId === 'resolution-1');
      // across the runs the search attributes followed the case: escalated up the ladder, a promise broken
      const state = await latest.query(caseStateQuery);
      const { typedSearchAttributes } = await latest.describe();
      expect(caseSearchAttributes(state).map(({ key }) => [key.name, typedSearchAttributes.get(key)])).toEqual(
        caseSearchAttributes(state).map(({ key, value }) => [key.name, value]),
      );
      expect(caseSearchAttributes(state)).toEqual(
        expect.arrayContaining([
          { key: CASE_SEARCH_ATTRIBUTE_KEYS.owner, value: expect.stringMatching(/^queue:delivery:/) },
          { key: CASE_SEARCH_ATTRIBUTE_KEYS.breached, value: true },
        ]),
      );
      return { second, last: (await latest.describe()).runId };
    });

    const escalations = stream.events.filter((e) => e.type === 'Escalated').map((e) => e.data as { reason: string });
    expect(escalations.filter((e) => e.reason === 'unassigned')).toHaveLength(1);
    const unassigned = stream.events.find((e) => e.type === 'Escalated' && e.data.reason === 'unassigned')!;
    expect(Date.parse(unassigned.occurredAt)).toBeGreaterThanOrEqual(Date.parse(deadlines.firstContactBy));
    expect(stream.events.filter((e) => e.type === 'NotificationSent')).toHaveLength(1);
    expect(stream.events.filter((e) => e.type === 'PromiseBroken')).toHaveLength(1);
    expect(new Set(stream.events.map((e) => e.id)).size).toBe(stream.events.length);
    expect(stream.events.map((e) => e.position)).toEqual(stream.events.map((_, i) => i + 1));
    expect(runs.last).not.toBe(runs.second); // the deadlines were decided in later runs still
  });

  it('keeps a closed case’s workflow running until a webhook awaited since an earlier run is settled', async () => {
    const complaintId = randomUUID();
    const history = acceptedHistory(complaintId, new Date((await env.currentTimeMs()) - 1_000).toISOString(), callbackUrl);
    const stream = memoryStream(history);

    await runWorker(stream, async (taskQueue) => {
      const { handle, latest } = await startAwaitingCase(taskQueue, complaintId, history);
      await addNotes(handle, ['pierwsza', 'שנייה']);
      await runAfter(complaintId, handle.firstExecutionRunId);
      await latest.executeUpdate(caseUpdates.withdraw, { args: [{ actor: { principal: 'desk-1', role: 'intake' }, command: { reason: 'הבעיה נפתרה' } }] });
      const closed = stream.events.find((e) => e.type === 'ComplaintClosed')!;

      // the closure's own webhook is delivered …
      await latest.signal(deliveryOutcomeSignal, { ...acknowledgedWebhook({}), notificationId: closed.id, type: 'complaint.closed' });
      await eventually(async () => {
        const { notifications } = await latest.query(caseStateQuery);
        return notifications.some((n) => n.notificationId === closed.id && n.delivered) || undefined;
      }, 30_000, 'the closure delivery recorded');
      // … but the acknowledgment's, awaited since the first run, is not: the workflow stays
      await env.sleep('1 day');
      expect((await latest.describe()).status.name).toBe('RUNNING');

      await latest.signal(deliveryOutcomeSignal, acknowledgedWebhook({ attempt: 12, ok: false, status: 500, error: 'HTTP 500', final: true }));
      await eventually(async () => ((await latest.describe()).status.name === 'COMPLETED' ? true : undefined), 30_000, 'the workflow to finish');
      expect((await latest.query(caseStateQuery)).notifications.find((n) => n.notificationId === 'e-2')).toMatchObject({ abandoned: true, attempts: 12 });
    });

    expect(stream.events.filter((e) => e.type.startsWith('Notification')).map((e) => [e.type, (e.data as { notificationId: string }).notificationId])).toEqual([
      ['NotificationSent', stream.events.find((e) => e.type === 'ComplaintClosed')!.id],
      ['NotificationFailed', 'e-2'],
    ]);
  });

  it('lets a closed case’s workflow finish when its grace for unsettled webhooks ends', async () => {
    const complaintId = randomUUID();
    const history = acceptedHistory(complaintId, new Date((await env.currentTimeMs()) - 1_000).toISOString(), callbackUrl);
    const stream = memoryStream(history);

    await runWorker(stream, async (taskQueue) => {
      const { latest } = await startAwaitingCase(taskQueue, complaintId, history);
      await latest.executeUpdate(caseUpdates.withdraw, { args: [{ actor: { principal: 'desk-1', role: 'intake' }, command: { reason: 'sorted out' } }] });
      await env.sleep('6 days');
      expect((await latest.describe()).status.name).toBe('RUNNING');
      await env.sleep('1 day');
      await env.sleep('1 minute');
      await eventually(async () => ((await latest.describe()).status.name === 'COMPLETED' ? true : undefined), 30_000, 'the workflow to finish');
    });

    expect(stream.events.filter((e) => e.type.startsWith('Notification'))).toEqual([]);
  });
});
