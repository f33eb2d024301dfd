/**
 * The root-causes report over final responses whose right answers are known by construction:
 * cases decided by the domain's own deciders under a policy listing root causes (and one
 * decided before it listed any), written to a store of this spec's own, folded by the report
 * projector and read over HTTP.
 */
import { CaseHistory } from '../../../../test/support/case-history';
import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import { call } from '../../../../test/support/http';
import { RECURRING_CAUSE_THRESHOLD, writeReportPolicy } from '../../../../test/support/report-policy';
import { startReportSystem, type ReportSystem } from '../../../../test/support/report-system';
import type { TestSystem } from '../../../../test/support/test-system';

let reports: ReportSystem;
let system: TestSystem;
const { file, policy } = writeReportPolicy();

const utc = (at: string) => new Date(`${at}Z`);
const history = (category: string, receivedAt: string, underPolicy = policy) => new CaseHistory({ category, receivedAt: utc(receivedAt), policy: underPolicy });

/**
 * Threshold 3. Billing in October (London time): `pricing` named 3 times (one response at
 * 00:30 on 1 October, BST; a reopened case's two responses), so it recurs; `staff` twice, so
 * it does not. `pricing` once in billing in September (23:30 on 30 September, BST), once in
 * November, once in delivery in October; one delivery response decided before the policy
 * listed causes, `(none)`; one response after the window.
 */
const histories = [
  history('billing', '2026-09-30T20:00:00').waitUntil(utc('2026-09-30T23:30:00')).resolve('upheld', 'pricing'),
  history('billing', '2026-10-05T09:00:00').wait(3600).resolve('upheld', 'pricing').wait(3600).answer(false).waitUntil(utc('2026-10-06T09:00:00')).resolve('upheld', 'pricing'),
  history('billing', '2026-10-07T09:00:00').wait(3600).resolve('rejected', 'staff'),
  history('billing', '2026-10-08T09:00:00').wait(3600).resolve('rejected', 'staff'),
  history('billing', '2026-11-03T09:00:00').wait(3600).resolve('upheld', 'pricing'),
  history('delivery', '2026-10-09T09:00:00').wait(3600).resolve('upheld', 'pricing'),
  history('delivery', '2026-10-10T09:00:00', loadPolicy('default.yaml').policy).wait(3600).resolve('rejected'),
  history('billing', '2026-09-30T20:00:00').waitUntil(utc('2026-09-30T22:30:00')).resolve('upheld', 'pricing'),
  history('billing', '2026-12-31T09:00:00').waitUntil(utc('2027-01-02T09:00:00')).resolve('upheld', 'pricing'),
];
const window = `from=${encodeURIComponent('2026-09-01T00:00:00Z')}&to=${encodeURIComponent('2027-01-01T00:00:00Z')}`;

beforeAll(async () => {
  reports = await startReportSystem(histories, file);
  system = reports.system;
});

afterAll(async () => {
  await reports?.close();
});

it('counts final responses by category, month and cause, labelled, flagging a cause named as often as the threshold', async () => {
  const reply = await call(system.baseUrl, 'GET', `/v1/reports/root-causes?${window}`, { key: 'manager' });
  expect(reply.status).toBe(200);
  const [{ n }] = await system.db.query(`SELECT max(global_position)::int AS n FROM events`);
  expect(reply.body).toMatchObject({ coversThrough: n, timeZone: 'Europe/London', recurringCauseThreshold: RECURRING_CAUSE_THRESHOLD, responses: 9 });
  const pricing = 'Pricing or fee error';
  expect(reply.body.causes).toEqual([
    { category: 'billing', month: '2026-09', cause: 'pricing', label: pricing, responses: 1, recurring: false },
    { category: 'billing', month: '2026-10', cause: 'pricing', label: pricing, responses: 3, recurring: true },
    { category: 'billing', month: '2026-10', cause: 'staff', label: 'Staff conduct', responses: 2, recurring: false },
    { category: 'billing', month: '2026-11', cause: 'pricing', label: pricing, responses: 1, recurring: false },
    { category: 'delivery', month: '2026-10', cause: '(none)', label: null, responses: 1, recurring: false },
    { category: 'delivery', month: '2026-10', cause: 'pricing', label: pricing, responses: 1, recurring: false },
  ]);
});

it('lets managers, directors and auditors read it, nobody else, and refuses a window that ends before it starts', async () => {
  expect((await call(system.baseUrl, 'GET', `/v1/reports/root-causes?${window}`, { key: 'director' })).status).toBe(200);
  expect((await call(system.baseUrl, 'GET', `/v1/reports/root-causes?${window}`, { key: 'auditor' })).status).toBe(200);
  for (const key of ['agent', 'intake', 'admin'] as const) {
    expect((await call(system.baseUrl, 'GET', `/v1/reports/root-causes?${window}`, { key })).status).toBe(403);
  }
  const backwards = await call(system.baseUrl, 'GET', `/v1/reports/root-causes?from=2027-01-01T00:00:00Z&to=2026-09-01T00:00:00Z`, { key: 'manager' });
  expect(backwards.status).toBe(422);
  expect(backwards.headers.get('content-type')).toMatch(/^application\/problem\+json/);
});
