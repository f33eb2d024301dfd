/**
 * A transient fault is retried within a budget and then fails the action (with an alert in
 * the worker's log), never wedging the case: with the event store's PostgreSQL cut off (a
 * TCP proxy between this test's API and worker and a database of its own on the run's
 * PostgreSQL, cut and restored),
 * the API answers 503 store-unavailable, an action sent to the workflow fails with
 * `store-unavailable` within its 10 s budget instead of retrying for ever, and a deadline
 * that falls due meanwhile is acted on once the store is back; then the case takes the
 * next valid action. Its own task queue keeps other test files' workers off its cases.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { addNoteUpdate, complaintWorkflowId } from '../../workflows/complaint/messages';
import { call, eventually, fileComplaint } from '../support/http';
import { createFreshDatabase } from '../support/fresh-database';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestSystem, type TestSystem } from '../support/test-system';

let proxy: TcpProxy | undefined;
let system: TestSystem | undefined;
let database: Awaited<ReturnType<typeof createFreshDatabase>> | undefined;

// a database of its own too: its case's workflow runs on this file's task queue, which no
// worker serves once the file is done, so no other test may find the case
beforeAll(async () => {
  database = await createFreshDatabase();
  const url = new URL(database.url);
  proxy = await startTcpProxy(url.hostname, Number(url.port));
  url.port = String(proxy.port);
  system = await startTestSystem({
    databaseUrl: url.toString(),
    taskQueue: `store-outage-${randomUUID()}`,
    policyFile: path.join(__dirname, '../../policies/test-fast.yaml'),
  });
});

afterAll(async () => {
  await proxy?.restore().catch(() => undefined);
  await system?.close();
  await proxy?.close();
  await database?.drop();
});

it('fails actions within the budget while the store is down, acts on a deadline that fell due meanwhile once it is back, and takes the next action', async () => {
  const sys = system!;
  const filed = await fileComplaint(sys.baseUrl);
  expect(filed.status).toBe(201);
  const id = filed.body.id as string;
  const handle = sys.temporal.workflow.getHandle(complaintWorkflowId(id));
  await eventually(async () => ((await handle.describe()).status.name === 'RUNNING' ? true : undefined), 30_000, 'the workflow');

  await proxy!.cut();

  const read = await call(sys.baseUrl, 'POST', `/v1/complaints/${id}/notes`, { key: 'agent', body: { text: 'podczas awarii' } });
  expect(read.status).toBe(503);
  expect(read.body.type).toBe('urn:complaint-engine:problem:store-unavailable');
  expect(read.headers.get('retry-after')).toBe('5');
  const health = await call(sys.baseUrl, 'GET', '/health/ready', { key: null });
  expect(health.status).toBe(503);

  // straight to the workflow: the append is retried within its budget, then the action fails
  const update = handle.executeUpdate(addNoteUpdate, { args: [{ actor: { principal: 'alice', role: 'agent' }, command: { text: 'bez bazy' } }] });
  await expect(update).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  await expect(update).rejects.toMatchObject({ cause: { type: 'store-unavailable' } });

  // the first-contact deadline (20 s under the fast policy) falls due while the store is down
  const firstContactBy = Date.parse(filed.body.deadlines.firstContactBy);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstContactBy - Date.now()) + 2_000));
  await proxy!.restore();

  const note = await call(sys.baseUrl, 'POST', `/v1/complaints/${id}/notes`, { key: 'agent', body: { text: 'po awarii' } });
  expect(note.status).toBe(201);
  const types = await eventually(async () => {
    const events = await call(sys.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' });
    const found = (events.body as { type: string; data: { reason?: string } }[]);
    return found.some((e) => e.type === 'Escalated' && e.data.reason === 'unassigned') ? found.map((e) => e.type) : undefined;
  }, 60_000, 'the deadline acted on after the outage');
  // nothing the failed actions tried was recorded; the deadline was recorded once
  expect(types.filter((t) => t === 'NoteAdded')).toHaveLength(1);
  expect(types.filter((t) => t === 'Escalated')).toHaveLength(1);
}, 180_000);
