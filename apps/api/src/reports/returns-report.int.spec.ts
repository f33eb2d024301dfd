/**
 * The regulator's complaints return over a half year whose right answers are known by
 * construction: cases decided by the domain's own deciders on the London business calendar
 * (English bank holidays), written to a store of this spec's own, folded by the report
 * projector and read over HTTP, as JSON and as CSV.
 */
import { parse } from 'csv-parse/sync';
import { CaseHistory } from '../../../../test/support/case-history';
import { call } from '../../../../test/support/http';
import { writeReportPolicy } from '../../../../test/support/report-policy';
import { startReportSystem, type ReportSystem } from '../../../../test/support/report-system';
import type { TestSystem } from '../../../../test/support/test-system';
import { CATEGORY_SEPARATOR, redressHeader, TOTAL_ROW } from './returns-csv';

let reports: ReportSystem;
let system: TestSystem;
const { file, policy } = writeReportPolicy();

/** a London wall-clock time in summer (BST) or winter (GMT) */
const bst = (local: string) => new Date(`${local}+01:00`);
const gmt = (local: string) => new Date(`${local}Z`);
const history = (category: string, receivedAt: Date) => new CaseHistory({ category, receivedAt, policy });

/**
 * 2026H2 (1 July 2026 00:00 BST to 1 January 2027 00:00 GMT), product groups: billing →
 * Banking and credit cards, mortgages → Home finance, delivery unmapped.
 *
 * Banking and credit cards: opened 4 (a, b, g, h; i falls in 2027), closed 2 (a within 3
 * business days: Thu 27 Aug to Wed 2 Sep is 3 across the weekend and the Monday bank holiday;
 * b on Thu 3 Sep, the 4th), both upheld (b partially), g withdrawn without a response,
 * redress GBP 60.00 approved by a manager.
 * Home finance: opened 2, closed 2: c exactly 8 weeks after receipt (within), d a minute later
 * (after 8 weeks); one upheld.
 * (unmapped) delivery: opened 1 (f was received in H1), closed 2 within 3 business days: e,
 * first answered upheld, then reopened and answered rejected (closed once, by its first
 * response), and f; redress EUR 45.00 approved within the agent's authority (f's GBP 10.00
 * was approved in H1).
 */
const histories = [
  /* a */ history('billing', bst('2026-08-27T10:00:00')).waitUntil(bst('2026-09-02T16:00:00')).resolve('upheld', 'pricing'),
  /* b */ history('billing', bst('2026-08-27T10:00:00'))
    .waitUntil(bst('2026-08-28T10:00:00'))
    .compensate(6000, 'GBP')
    .wait(3600)
    .approveCompensation()
    .waitUntil(bst('2026-09-03T10:00:00'))
    .resolve('partially_upheld', 'pricing'),
  /* c */ history('mortgages', bst('2026-07-06T10:00:00')).waitUntil(bst('2026-08-31T10:00:00')).resolve('rejected', 'staff'),
  /* d */ history('mortgages', bst('2026-07-06T10:00:00')).waitUntil(bst('2026-08-31T10:01:00')).resolve('upheld', 'staff'),
  /* e */ history('delivery', bst('2026-10-05T10:00:00'))
    .compensate(4500)
    .wait(3600)
    .resolve('upheld', 'courier')
    .wait(3600)
    .answer(false)
    .waitUntil(bst('2026-10-06T10:00:00'))
    .resolve('rejected', 'courier'),
  /* f */ history('delivery', bst('2026-06-29T10:00:00'))
    .waitUntil(bst('2026-06-30T10:00:00'))
    .compensate(1000, 'GBP', 'credit')
    .waitUntil(bst('2026-07-01T10:00:00'))
    .resolve('rejected', 'courier'),
  /* g */ history('billing', gmt('2026-12-30T10:00:00')).wait(3600).withdraw(),
  /* h */ history('billing', gmt('2026-12-31T20:00:00')),
  /* i */ history('billing', gmt('2027-01-01T00:30:00')),
];

const none = { closedWithin3BusinessDays: 0, closedAfter3BusinessDaysWithin8Weeks: 0, closedAfter8Weeks: 0 };
const expectedGroups = [
  {
    productGroup: 'Banking and credit cards',
    categories: ['billing'],
    opened: 4,
    closed: 2,
    ...none,
    closedWithin3BusinessDays: 1,
    closedAfter3BusinessDaysWithin8Weeks: 1,
    upheld: 2,
    upheldPercent: 100,
    endedWithoutResponse: 1,
    redress: [{ currency: 'GBP', minor: 6000 }],
  },
  {
    productGroup: 'Home finance',
    categories: ['mortgages'],
    opened: 2,
    closed: 2,
    ...none,
    closedAfter3BusinessDaysWithin8Weeks: 1,
    closedAfter8Weeks: 1,
    upheld: 1,
    upheldPercent: 50,
    endedWithoutResponse: 0,
    redress: [],
  },
  {
    productGroup: '(unmapped)',
    categories: ['delivery'],
    opened: 1,
    closed: 2,
    ...none,
    closedWithin3BusinessDays: 2,
    upheld: 1,
    upheldPercent: 50,
    endedWithoutResponse: 0,
    redress: [{ currency: 'EUR', minor: 4500 }],
  },
];

beforeAll(async () => {
  reports = await startReportSystem(histories, file);
  system = reports.system;
});

afterAll(async () => {
  await reports?.close();
});

it('counts opened, closed by how fast, upheld and redress per product group, with totals, over the half year in London time', async () => {
  const reply = await call(system.baseUrl, 'GET', '/v1/reports/returns?period=2026H2', { key: 'manager' });
  expect(reply.status).toBe(200);
  const [{ n }] = await system.db.query(`SELECT max(global_position)::int AS n FROM events`);
  expect(reply.body).toMatchObject({ period: '2026H2', from: '2026-06-30T23:00:00.000Z', to: '2027-01-01T00:00:00.000Z', coversThrough: n });
  expect(reply.body.groups).toEqual(expectedGroups);
  expect(reply.body.total).toEqual({
    opened: 7,
    closed: 6,
    closedWithin3BusinessDays: 3,
    closedAfter3BusinessDaysWithin8Weeks: 2,
    closedAfter8Weeks: 1,
    upheld: 4,
    upheldPercent: 66.67,
    endedWithoutResponse: 1,
    redress: [
      { currency: 'EUR', minor: 4500 },
      { currency: 'GBP', minor: 6000 },
    ],
  });
});

it('reconciles the redress with the approvals summed straight from the events, to the minor unit', async () => {
  const reply = await call(system.baseUrl, 'GET', '/v1/reports/returns?period=2026H2', { key: 'auditor' });
  expect(reply.body.reconciliation).toEqual([
    { currency: 'EUR', fromReportTables: 4500, fromEvents: 4500, reconciled: true },
    { currency: 'GBP', fromReportTables: 6000, fromEvents: 6000, reconciled: true },
  ]);
  expect(reply.body.reconciled).toBe(true);
  // the half year before holds f's GBP 10.00, approved within the agent's authority
  const before = await call(system.baseUrl, 'GET', '/v1/reports/returns?period=2026H1', { key: 'auditor' });
  expect(before.body.reconciliation).toEqual([{ currency: 'GBP', fromReportTables: 1000, fromEvents: 1000, reconciled: true }]);
  expect(before.body.total).toMatchObject({ opened: 1, closed: 0 });
});

it('says the redress does not reconcile when the report tables disagree with the events by a minor unit', async () => {
  await system.db.query(`UPDATE report_compensation SET minor = minor + 1 WHERE currency = 'GBP'`);
  try {
    const reply = await call(system.baseUrl, 'GET', '/v1/reports/returns?period=2026H2', { key: 'auditor' });
    expect(reply.body.reconciliation).toEqual([
      { currency: 'EUR', fromReportTables: 4500, fromEvents: 4500, reconciled: true },
      { currency: 'GBP', fromReportTables: 6001, fromEvents: 6000, reconciled: false },
    ]);
    expect(reply.body.reconciled).toBe(false);
  } finally {
    await system.db.query(`UPDATE report_compensation SET minor = minor - 1 WHERE currency = 'GBP'`);
  }
});

it('answers the same figures as CSV, a row per product group and a total row, as an attachment', async () => {
  const json = await call(system.baseUrl, 'GET', '/v1/reports/returns?period=2026H2', { key: 'director' });
  const csv = await call(system.baseUrl, 'GET', '/v1/reports/returns?period=2026H2', { key: 'director', headers: { accept: 'text/csv' } });
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(csv.headers.get('content-disposition')).toBe('attachment; filename="complaints-return-2026H2.csv"');
  expect([csv.headers.get('vary'), json.headers.get('vary')]).toEqual([expect.stringMatching(/Accept/), expect.stringMatching(/Accept/)]);
  expect(csv.text).toContain('"Closed after 3 business days, within 8 weeks"'); // quoted: it holds a comma
  const rows: Record<string, string>[] = parse(csv.text, { columns: true });
  type Figures = (typeof expectedGroups)[number];
  const asCsv = (group: string, categories: string, f: Omit<Figures, 'productGroup' | 'categories'>) => ({
    'Product group': group,
    Categories: categories,
    Opened: String(f.opened),
    Closed: String(f.closed),
    'Closed within 3 business days': String(f.closedWithin3BusinessDays),
    'Closed after 3 business days, within 8 weeks': String(f.closedAfter3BusinessDaysWithin8Weeks),
    'Closed after 8 weeks': String(f.closedAfter8Weeks),
    Upheld: String(f.upheld),
    'Upheld %': f.upheldPercent === null ? '' : String(f.upheldPercent),
    'Ended without a response': String(f.endedWithoutResponse),
    [redressHeader('EUR')]: String(f.redress.find((m) => m.currency === 'EUR')?.minor ?? 0),
    [redressHeader('GBP')]: String(f.redress.find((m) => m.currency === 'GBP')?.minor ?? 0),
  });
  expect(rows).toEqual([
    ...json.body.groups.map((g: Figures) => asCsv(g.productGroup, g.categories.join(CATEGORY_SEPARATOR), g)),
    asCsv(TOTAL_ROW, '', json.body.total),
  ]);
  expect(rows.map((row) => row['Product group'])).toEqual(['Banking and credit cards', 'Home finance', '(unmapped)', 'Total']);
});

it('lets managers, directors and auditors read the return, nobody else, and refuses a period that is not a half year', async () => {
  for (const key of ['agent', 'intake', 'admin'] as const) {
    expect((await call(system.baseUrl, 'GET', '/v1/reports/returns?period=2026H2', { key })).status).toBe(403);
  }
  for (const query of ['period=2026H3', 'period=2026-H2', 'period=H2', '']) {
    const reply = await call(system.baseUrl, 'GET', `/v1/reports/returns?${query}`, { key: 'manager' });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }
});
