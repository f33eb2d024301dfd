/**
 * What an operator's Prometheus sees, checked against the store it describes: the API's
 * GET /metrics (HTTP latency by route template and status, intake's acknowledgments and
 * appends, open cases by status, outbox backlog, promises broken and escalations counted
 * from the events) and the worker's own on WORKER_METRICS_PORT (its appends, workflow start
 * lag, webhook deliveries, and the Temporal SDK's worker figures). A database of the spec's
 * own, so every figure can be compared with the store exactly; the seconds-scale policy
 * breaks a critical case's promise and escalates it within half a minute.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../libs/config/src';
import { WorkerMetricsServer } from '../../apps/worker/src/metrics/worker-metrics-server';
import { createFreshDatabase } from '../support/fresh-database';
import { call, complaintBody, eventually, fileComplaint } from '../support/http';
import { startHttpReceiver, type HttpReceiver } from '../support/http-receiver';
import { parsePrometheusText, sampleSum, type Sample } from '../support/prometheus-text';
import { startTestSystem, type TestSystem } from '../support/test-system';

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let system: TestSystem;
let receiver: HttpReceiver;

beforeAll(async () => {
  database = await createFreshDatabase();
  receiver = await startHttpReceiver((_request, response) => response.writeHead(204).end());
  system = await startTestSystem({
    databaseUrl: database.url,
    taskQueue: `metrics-${randomUUID()}`,
    policyFile: path.join(repoRoot(), 'policies/test-fast.yaml'),
    workerMetricsPort: 0,
  });
});

afterAll(async () => {
  await system?.close();
  await receiver?.close();
  await database?.drop();
});

async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

const apiMetrics = () => scrape(`${system.baseUrl}/metrics`);
const workerMetrics = () => scrape(`http://127.0.0.1:${system.worker!.context.get(WorkerMetricsServer).port}/metrics`);

async function storeCount(sql: string): Promise<number> {
  const [row]: { n: number }[] = await system.db.query(sql);
  return row.n;
}

it('counts intake and its HTTP answers as they happened, a replayed key not again', async () => {
  const before = await apiMetrics();
  const key = randomUUID();
  const body = complaintBody({ callbackUrl: `${receiver.base}/hook` });
  expect((await fileComplaint(system.baseUrl, body, 'intake', key)).status).toBe(201);
  expect((await fileComplaint(system.baseUrl, body, 'intake', key)).status).toBe(200);
  expect((await call(system.baseUrl, 'GET', `/v1/complaints/${randomUUID()}`)).status).toBe(404);
  const after = await apiMetrics();
  const grew = (name: string, labels: Record<string, string> = {}) => sampleSum(after, name, labels) - sampleSum(before, name, labels);

  expect(grew('complaint_acknowledgment_seconds_count')).toBe(1);
  expect(grew('events_appended_total', { writer: 'intake', process: 'api' })).toBe(2);
  expect(grew('event_append_seconds_count', { writer: 'intake', result: 'ok' })).toBe(2);
  expect(grew('http_request_duration_seconds_count', { method: 'POST', route: '/v1/complaints', status: '201' })).toBe(1);
  expect(grew('http_request_duration_seconds_count', { method: 'POST', route: '/v1/complaints', status: '200' })).toBe(1);
  expect(grew('http_request_duration_seconds_count', { method: 'GET', route: '/v1/complaints/{id}', status: '404' })).toBe(1);
  // Node's own process figures ride along
  expect(sampleSum(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
});

it('reports the store’s figures as the store holds them, the same from every scrape', async () => {
  const filed = await fileComplaint(system.baseUrl, complaintBody({ severity: 'critical', callbackUrl: `${receiver.base}/hook` }));
  expect(filed.status).toBe(201);
  // the critical case's 5 s first contact and 20 s resolution pass: escalated, its promise broken
  await eventually(
    async () => ((await storeCount(`SELECT count(*)::int AS n FROM events WHERE type = 'PromiseBroken'`)) > 0 ? true : undefined),
    60_000,
    'a broken promise',
  );
  const escalated = await storeCount(`SELECT count(*)::int AS n FROM events WHERE type = 'Escalated'`);
  expect(escalated).toBeGreaterThan(0);

  await eventually(async () => {
    // the store and the scrape may straddle a new event: compare until one scrape matches a read around it
    const [reasons, open, pending, broken] = await Promise.all([
      system.db.query(`SELECT data->>'reason' AS reason, count(*)::int AS n FROM events WHERE type = 'Escalated' GROUP BY 1`),
      system.db.query(`SELECT status, count(*)::int AS n FROM complaint_cases WHERE status <> 'closed' GROUP BY 1`),
      storeCount(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`),
      storeCount(`SELECT count(*)::int AS n FROM events WHERE type = 'PromiseBroken'`),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the scrape snapshot's second
    const samples = await apiMetrics();
    const matches =
      sampleSum(samples, 'store_figures_up') === 1 &&
      sampleSum(samples, 'complaint_promises_broken_total') === broken &&
      sampleSum(samples, 'outbox_pending') === pending &&
      (reasons as { reason: string; n: number }[]).every((r) => sampleSum(samples, 'complaint_escalations_total', { reason: r.reason }) === r.n) &&
      sampleSum(samples, 'complaint_escalations_total') === escalated &&
      (open as { status: string; n: number }[]).every((o) => sampleSum(samples, 'complaints_open', { status: o.status }) === o.n) &&
      sampleSum(samples, 'complaints_open') === (open as { n: number }[]).reduce((sum, o) => sum + o.n, 0);
    return matches ? true : undefined;
  }, 30_000, '/metrics to agree with the store');
});

it('serves the worker’s own figures and the Temporal SDK’s on the worker’s metrics port', async () => {
  await eventually(async () => {
    // intake records each case's first two events; everything after, the workflows append through this worker
    const byWorkflows = await storeCount(`SELECT count(*)::int AS n FROM events WHERE type NOT IN ('ComplaintReceived', 'ComplaintAcknowledged')`);
    const cases = await storeCount(`SELECT count(*)::int AS n FROM complaint_cases`);
    const delivered = await storeCount(`SELECT count(*)::int AS n FROM events WHERE type = 'NotificationSent'`);
    const samples = await workerMetrics();
    return byWorkflows > 0 &&
      sampleSum(samples, 'events_appended_total', { writer: 'workflow', process: 'worker' }) === byWorkflows &&
      sampleSum(samples, 'complaint_workflow_start_lag_seconds_count') === cases &&
      sampleSum(samples, 'webhook_deliveries_total', { result: 'delivered' }) === delivered &&
      delivered > 0
      ? true
      : undefined;
  }, 30_000, 'the worker’s figures to agree with the store');
  const samples = await workerMetrics();
  // the SDK's own: e.g. its workflow task and activity figures, labelled with the task queue
  expect(samples.some((s) => s.name.startsWith('temporal_') && s.labels.task_queue === system.config.temporal.taskQueue)).toBe(true);
  const notFound = await fetch(`http://127.0.0.1:${system.worker!.context.get(WorkerMetricsServer).port}/other`);
  expect(notFound.status).toBe(404);
});

it('needs an admin key when the deployment says METRICS_AUTH=admin', async () => {
  const guarded = await startTestSystem({ worker: false, metricsAuth: 'admin', databaseUrl: database.url });
  try {
    expect((await call(guarded.baseUrl, 'GET', '/metrics', { key: null })).status).toBe(401);
    expect((await call(guarded.baseUrl, 'GET', '/metrics', { key: 'agent' })).status).toBe(403);
    const admin = await call(guarded.baseUrl, 'GET', '/metrics', { key: 'admin' });
    expect(admin.status).toBe(200);
    expect(admin.text).toContain('# TYPE http_request_duration_seconds histogram');
  } finally {
    await guarded.close();
  }
});

/** The metric names a PromQL expression selects (label matchers, ranges, `by (…)` and functions left out). */
function metricsIn(expr: string): string[] {
  const bare = expr.replace(/\b(by|without)\s*\([^)]*\)/g, '').replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '');
  return [...bare.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((m) => m[1]).filter((name) => !/^\d/.test(name));
}

it('exports every metric the Grafana dashboard in deploy/ queries', async () => {
  const dashboard = JSON.parse(readFileSync(path.join(repoRoot(), 'deploy/grafana/dashboards/complaint-engine.json'), 'utf8')) as {
    panels: { title: string; targets?: { expr: string }[] }[];
  };
  const exported = new Set([...(await apiMetrics()), ...(await workerMetrics())].map((sample) => sample.name));
  const queried = dashboard.panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => metricsIn(target.expr).map((name) => ({ panel: panel.title, name }))));
  expect(queried.length).toBeGreaterThan(20);
  expect(queried.filter(({ name }) => !exported.has(name))).toEqual([]);
});
