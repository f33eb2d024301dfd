/**
 * The complaint workflow on Temporal's time-skipping test server (the provisioned binary,
 * no download), with the append activity replaced by an in-memory stream at the edge:
 * updates are validated before they reach history, decided events are appended with the
 * expected version, concurrent updates are serialized, and the recorded history replays
 * deterministically against the current workflow code.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePolicy } from '../../libs/domain/src/policy/parse-policy';
import { timeSkippingExecutable } from '../../libs/embedded-services/src/temporal-binaries';
import { received } from '../../test/support/complaint-fixtures';
import type { RecordedEvent } from '../../libs/domain/src/events/complaint-events';
import type { AppendComplaintEventsInput, ComplaintActivities } from './complaint-activities';
import { addNoteUpdate, caseStateQuery, complaintWorkflowId } from './messages';
import { complaintWorkflow } from './complaint-workflow';

let env: TestWorkflowEnvironment;
const policy = parsePolicy(readFileSync(path.join(__dirname, '../../policies/default.yaml'), 'utf8'), 'default.yaml');

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: timeSkippingExecutable() } });
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
    return { version: events.length, events: recordedNow };
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
  const taskQueue = `wf-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    activities: stream.activities,
  });

  const history = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(complaintWorkflow, {
      workflowId: complaintWorkflowId(complaintId),
      taskQueue,
      args: [{ complaintId, policy, history: intakeHistory(complaintId) }],
    });
    const actor = { principal: 'alice', role: 'agent' };
    const results = await Promise.all(
      ['pierwsza', 'שנייה', 'third 📞'].map((text) => handle.executeUpdate(addNoteUpdate, { args: [{ actor, command: { text } }] })),
    );
    const refused = handle.executeUpdate(addNoteUpdate, { args: [{ actor, command: { text: '   ' } }] });
    await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(refused).rejects.toMatchObject({ cause: { type: 'invalid-command' } });

    expect(results.map((r) => r.state.version).sort()).toEqual([2, 3, 4]);
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
