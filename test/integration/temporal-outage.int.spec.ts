/**
 * Intake is store-first: with Temporal stopped, complaints are still acknowledged (201)
 * and nothing is lost; when Temporal returns, the outbox relay starts every pending
 * workflow. Runs its own Temporal dev server (persistent SQLite file) so it can stop it.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { freePort, startTemporalDevServer, temporalCliPath, type RunningTemporal } from '../../libs/embedded-services/src';
import { call, eventually, fileComplaint } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

let temporal: RunningTemporal | undefined;
let system: TestSystem | undefined;
let port: number;
const dbFile = path.join(process.env.TEST_SERVERS_DIR ?? '/tmp', `outage-${randomUUID()}.db`);

function startTemporal() {
  return startTemporalDevServer({ binary: temporalCliPath(), port, dbFile });
}

beforeAll(async () => {
  port = await freePort();
  temporal = await startTemporal();
  system = await startTestSystem({ temporalAddress: temporal.address, taskQueue: `outage-${randomUUID()}` });
});

afterAll(async () => {
  await system?.close();
  await temporal?.stop();
});

async function workflowRunning(id: string): Promise<boolean> {
  const description = await system!.temporal.workflow.getHandle(`complaint-${id}`).describe();
  return description.status.name === 'RUNNING';
}

it('acknowledges complaints while Temporal is down and starts their workflows when it returns', async () => {
  const sys = system!;
  const before = await fileComplaint(sys.baseUrl);
  await eventually(async () => (await workflowRunning(before.body.id)) || undefined, 30_000, 'first workflow');

  await temporal!.stop();
  const during = await Promise.all([1, 2, 3].map(() => fileComplaint(sys.baseUrl)));
  expect(during.map((r) => r.status)).toEqual([201, 201, 201]);
  for (const reply of during) {
    expect(reply.body.status).toBe('acknowledged');
    expect(reply.body.promisedResolutionBy).toEqual(expect.any(String));
  }
  const health = await call(sys.baseUrl, 'GET', '/health', { key: null });
  expect(health.status).toBe(503);
  expect(health.body.details.temporal.status).toBe('down');
  expect(health.body.details.postgres.status).toBe('up');
  expect(health.body.details.outbox.pending).toBeGreaterThanOrEqual(3);
  const ready = await call(sys.baseUrl, 'GET', '/health/ready', { key: null });
  expect(ready.status).toBe(200);

  temporal = await startTemporal();
  for (const reply of during) {
    await eventually(async () => (await workflowRunning(reply.body.id)) || undefined, 60_000, 'workflow after outage');
  }
  // and their start rows are done: a start whose answer was lost to the outage (the server
  // started the workflow, the relay's call ran out of time) is done on its next attempt
  const ids = during.map((r) => `complaint-${r.body.id}`);
  await eventually(async () => {
    const [{ pending }] = await sys.db.query(
      'SELECT count(*)::int AS pending FROM outbox WHERE stream_id = ANY($1) AND processed_at IS NULL',
      [ids],
    );
    return pending === 0 ? true : undefined;
  }, 30_000, 'the start rows to be done');
  // the workflow that ran before the outage survived it (persistent dev server) and still takes commands
  const note = await call(sys.baseUrl, 'POST', `/v1/complaints/${before.body.id}/notes`, {
    key: 'agent',
    body: { text: 'after the outage' },
  });
  expect(note.status).toBe(201);
});
