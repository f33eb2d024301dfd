/**
 * One workflow starter: the three paths that may start a case's workflow (the outbox
 * relay's start row, a case command finding none running: update-with-start, a webhook's
 * delivery outcome finding none running: signal-with-start) start the same workflow, with
 * the same options, search attributes and input, as Temporal records them. One case is
 * started by each path in turn; between them its workflow is deleted from Temporal, so the
 * next path finds none. A database of its own, so no other file's relay takes its outbox rows.
 */
import { randomUUID } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { CaseWorkflowStarter } from '../../libs/case-workflows/src';
import { CallbackDestinationRule, systemResolver } from '../../libs/callbacks/src';
import { OutboxPump } from '../../apps/worker/src/outbox/outbox-pump';
import { WorkflowStarts } from '../../apps/worker/src/outbox/outbox-relay.service';
import { WebhookSender } from '../../apps/worker/src/outbox/webhook-sender';
import { WorkerMetrics } from '../../apps/worker/src/metrics/worker-metrics';
import { createFreshDatabase } from '../support/fresh-database';
import { call, complaintBody, eventually, fileComplaint } from '../support/http';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver';
import { startTestSystem, type TestSystem } from '../support/test-system';

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let system: TestSystem;
let receiver: HttpReceiver;

beforeAll(async () => {
  database = await createFreshDatabase();
  system = await startTestSystem({ databaseUrl: database.url, relay: false, taskQueue: `starts-${randomUUID()}` });
  receiver = await startHttpReceiver((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
});

afterAll(async () => {
  await receiver?.close();
  await system?.close();
  await database?.drop();
});

/** The started workflow as Temporal describes it and records its start. */
async function startedWorkflow(complaintId: string) {
  const handle = system.temporal.workflow.getHandle(`complaint-${complaintId}`);
  const description = await handle.describe();
  const history = await handle.fetchHistory();
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error('the history does not begin with the start');
  return {
    runId: description.runId,
    workflowId: description.workflowId,
    type: description.type,
    taskQueue: description.taskQueue,
    status: description.status.name,
    startedType: started.workflowType?.name,
    startedTaskQueue: started.taskQueue?.name,
    executionTimeout: started.workflowExecutionTimeout ?? null,
    runTimeout: started.workflowRunTimeout ?? null,
    taskTimeout: started.workflowTaskTimeout ?? null,
    retryPolicy: started.retryPolicy ?? null,
    memo: started.memo ?? null,
    searchAttributes: Object.fromEntries(decodeTypedSearchAttributes(started.searchAttributes?.indexedFields).getAll().map(({ key, value }) => [key.name, value])),
    input: (started.input?.payloads ?? []).map((payload) => defaultPayloadConverter.fromPayload(payload)),
  };
}

/** Delete the case's workflow from Temporal (history and all), so the next path finds none. */
async function forget(complaintId: string): Promise<void> {
  const workflowId = `complaint-${complaintId}`;
  await system.temporal.workflowService.deleteWorkflowExecution({ namespace: system.config.temporal.namespace, workflowExecution: { workflowId } });
  await eventually(
    () =>
      system.temporal.workflow
        .getHandle(workflowId)
        .describe()
        .then(
          () => undefined,
          (error: Error) => (error.name === 'WorkflowNotFoundError' ? true : undefined),
        ),
    30_000,
    'the workflow to be deleted',
  );
}

it('starts a case’s workflow with the same options and input from the outbox, a command and a delivery outcome', async () => {
  const filed = await fileComplaint(system.baseUrl, complaintBody({ callbackUrl: `${receiver.base}/hook` }));
  const { body } = filed;
  const id = body.id as string;
  const starter = new CaseWorkflowStarter(system.temporal, system.db.manager, system.config.temporal.taskQueue);

  // the outbox relay's start row
  expect(await new OutboxPump(system.db, database.url, new WorkflowStarts(starter, new WorkerMetrics())).deliverBatch()).toEqual({ delivered: 1, pauseMs: 0 });
  const fromOutbox = await startedWorkflow(id);
  await forget(id);

  // a command that finds no workflow: update-with-start (the update itself is refused, no
  // handoff is pending, so it records nothing and the next path sees the same case)
  const refused = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/assignment/acceptance`, { key: 'agent', body: {} });
  expect(refused.body).toMatchObject({ status: 409, detail: expect.stringContaining('no handoff') });
  const fromCommand = await startedWorkflow(id);
  await forget(id);

  // the acknowledgment webhook's delivery outcome: signal-with-start
  const sender = new WebhookSender(starter, system.config.webhookSecrets, new CallbackDestinationRule(system.config.callbackDestinations), systemResolver, new WorkerMetrics());
  expect(await new OutboxPump(system.db, database.url, sender).deliverBatch()).toEqual({ delivered: 1, pauseMs: 0 });
  await sender.close();
  const fromDelivery = await startedWorkflow(id);

  const events = (await call(system.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' })).body as { id: string }[];
  expect(fromOutbox).toMatchObject({
    // the case as intake left it, for Temporal's visibility (the workflow keeps them current)
    searchAttributes: {
      ComplaintReference: body.reference,
      ComplaintStatus: 'acknowledged',
      ComplaintOwner: 'queue:billing',
      ComplaintCategory: 'billing',
      ComplaintSeverity: 'normal',
      ComplaintBreached: false,
    },
    workflowId: `complaint-${id}`,
    type: 'complaintWorkflow',
    taskQueue: system.config.temporal.taskQueue,
    status: 'RUNNING',
    startedType: 'complaintWorkflow',
    startedTaskQueue: system.config.temporal.taskQueue,
    input: [
      {
        complaintId: id,
        policy: expect.objectContaining({ version: expect.any(String) }),
        history: events.slice(0, 2).map((e) => expect.objectContaining({ id: e.id })),
        // the shipped policy's calendar names holidays: they come resolved ahead
        publicHolidays: expect.arrayContaining([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]),
      },
    ],
  });
  // three runs, each started by its own path, alike in everything but the run id and the
  // request each was started for (its memo): the intake's, the command's, none for a delivery
  expect(new Set([fromOutbox.runId, fromCommand.runId, fromDelivery.runId]).size).toBe(3);
  const requestIdInMemo = ({ memo }: typeof fromOutbox) =>
    memo?.fields?.requestId ? defaultPayloadConverter.fromPayload(memo.fields.requestId) : undefined;
  expect(requestIdInMemo(fromOutbox)).toBe(filed.headers.get('x-request-id'));
  expect(requestIdInMemo(fromCommand)).toBe(refused.headers.get('x-request-id'));
  expect(fromDelivery.memo).toBeNull();
  const sansRun = ({ runId: _runId, memo: _memo, ...start }: typeof fromOutbox) => start;
  expect(sansRun(fromCommand)).toEqual(sansRun(fromOutbox));
  expect(sansRun(fromDelivery)).toEqual(sansRun(fromOutbox));
});
