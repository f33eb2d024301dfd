/**
 * The reports over a history whose right answers are known by construction: cases decided
 * by the domain's own deciders on the seconds-scale policy and written to a store of this
 * spec's own, folded by the report projector, read over HTTP by the roles that may.
 */
import { CaseHistory } from '../../../../test/support/case-history';
import { call } from '../../../../test/support/http';
import { startReportSystem, type ReportSystem } from '../../../../test/support/report-system';
import type { TestSystem } from '../../../../test/support/test-system';


const DAY = new Date(Date.UTC(2026, 9, 5, 9, 0, 0));
const at = (minutes: number) => new Date(DAY.getTime() + minutes * 60_000);

/**
 * Nine cases: 11 promises made (one per case at acknowledgment, and the reopened case's new
 * resolution and call-back promises), 8 kept, 2 broken (one when due, one by a withdrawal),
 * 1 revised, 1 open; closed: 4 confirmed (1 of them reopened), 2 unconfirmed, 2 withdrawn, 1 open;
 * compensation approved: EUR 45.00 + EUR 12.50 refunds, GBP 10.00 credit.
 */
const histories = [
  new CaseHistory({ receivedAt: at(0), category: 'billing' }).contact().resolve().answer(true),
  new CaseHistory({ receivedAt: at(1), category: 'billing' }).compensate(4500).contact().resolve().answer(true),
  new CaseHistory({ receivedAt: at(2), category: 'billing' }).revisePromise(100).contact().resolve('partially_upheld').answer(true),
  new CaseHistory({ receivedAt: at(3), category: 'billing' }).compensate(1250).resolve().answer(false).contact().resolve().answer(true),
  new CaseHistory({ receivedAt: at(4), category: 'delivery' }).wait(70).withdraw(),
  new CaseHistory({ receivedAt: at(5), category: 'delivery' }).withdraw(),
  new CaseHistory({ receivedAt: at(6), category: 'delivery' }).compensate(1000, 'GBP', 'credit').resolve('rejected').wait(25),
  new CaseHistory({ receivedAt: at(7), category: 'delivery' }).resolve().wait(25),
  new CaseHistory({ receivedAt: at(8), category: 'delivery' }).contact(),
];
const window = `from=${encodeURIComponent(DAY.toISOString())}&to=${encodeURIComponent(at(60).toISOString())}`;

let reports: ReportSystem;
let system: TestSystem;

beforeAll(async () => {
  reports = await startReportSystem(histories);
  system = reports.system;
});

afterAll(async () => {
  await reports?.close();
});

it('counts promises made, kept, revised and broken (and why), per category, with the keeping rate', async () => {
  const reply = await call(system.baseUrl, 'GET', `/v1/reports/promises?${window}&groupBy=category`, { key: 'manager' });
  expect(reply.status).toBe(200);
  const [{ n }] = await system.db.query(`SELECT max(global_position)::int AS n FROM events`);
  expect(reply.body).toMatchObject({ groupBy: 'category', coversThrough: n, eventsCovered: histories.reduce((sum, h) => sum + h.events.length, 0) });
  expect(reply.body.groups).toEqual([
    {
      group: 'billing',
      made: 6,
      kept: 6,
      revised: 1,
      revisions: 1,
      broken: 0,
      brokenReasons: { due: 0, closed: 0 },
      open: 0,
      keepingRate: 1,
    },
    {
      group: 'delivery',
      made: 5,
      kept: 2,
      revised: 0,
      revisions: 0,
      broken: 2,
      brokenReasons: { due: 1, closed: 1 },
      open: 1,
      keepingRate: 0.5,
    },
  ]);
  expect(reply.body.total).toMatchObject({ made: 11, kept: 8, broken: 2, open: 1, keepingRate: 0.8 });
});

it('groups promises by month, by the owner and by the team the case had when each was made', async () => {
  const byMonth = await call(system.baseUrl, 'GET', `/v1/reports/promises?${window}&groupBy=month`, { key: 'director' });
  expect(byMonth.body.groups).toEqual([expect.objectContaining({ group: '2026-10', made: 11 })]);
  const byTeam = await call(system.baseUrl, 'GET', `/v1/reports/promises?${window}&groupBy=team`, { key: 'auditor' });
  expect(byTeam.body.groups.map((g: { group: string; made: number }) => [g.group, g.made])).toEqual([
    ['queue:billing', 6],
    ['queue:delivery', 5],
  ]);
});

it('sets compensation approved against how the cases closed in the window ended', async () => {
  const reply = await call(system.baseUrl, 'GET', `/v1/reports/outcomes?${window}`, { key: 'manager' });
  expect(reply.status).toBe(200);
  expect(reply.body.endings).toEqual([
    {
      ending: 'confirmed',
      cases: 4,
      reopened: 1,
      compensationApproved: [{ type: 'refund', currency: 'EUR', approved: 2, minor: 5750 }],
    },
    { ending: 'unconfirmed', cases: 2, reopened: 0, compensationApproved: [{ type: 'credit', currency: 'GBP', approved: 1, minor: 1000 }] },
    { ending: 'withdrawn', cases: 2, reopened: 0, compensationApproved: [] },
    { ending: 'merged', cases: 0, reopened: 0, compensationApproved: [] },
  ]);
  expect(reply.body.compensationApprovedInWindow).toEqual([
    { type: 'credit', currency: 'GBP', approved: 1, minor: 1000 },
    { type: 'refund', currency: 'EUR', approved: 2, minor: 5750 },
  ]);
});

it('lets managers, directors and auditors read reports, nobody else, and refuses a window that ends before it starts', async () => {
  for (const key of ['agent', 'intake', 'admin'] as const) {
    expect((await call(system.baseUrl, 'GET', `/v1/reports/promises?${window}`, { key })).status).toBe(403);
  }
  const backwards = await call(system.baseUrl, 'GET', `/v1/reports/outcomes?from=${encodeURIComponent(at(60).toISOString())}&to=${encodeURIComponent(DAY.toISOString())}`, { key: 'manager' });
  expect(backwards.status).toBe(422);
  expect(backwards.headers.get('content-type')).toMatch(/^application\/problem\+json/);
});
