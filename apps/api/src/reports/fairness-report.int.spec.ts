/**
 * The fairness report over a history whose gaps are known by construction: business
 * customers are first contacted (and answered) later than everybody else, complaints by
 * phone are upheld and those by e-mail rejected, and three VIP letters without a language
 * make a group too small to judge. Cases decided by the domain's own deciders on the
 * seconds-scale policy (with `reports.minGroupSize: 10`), written to a store of this spec's
 * own, folded by the report projector, read over HTTP. The p-values expected are SciPy's
 * (1.17.1, `mannwhitneyu(..., method='asymptotic', use_continuity=False)`) and worked by hand.
 */
import { CaseHistory } from '../../../../test/support/case-history';
import type { Comparison } from './fairness-judgement';
import { call } from '../../../../test/support/http';
import { writePolicyVariant } from '../../../../test/support/report-policy';
import { startReportSystem, type ReportSystem } from '../../../../test/support/report-system';
import type { TestSystem } from '../../../../test/support/test-system';


const DAY = new Date(Date.UTC(2026, 9, 5, 9, 0, 0));
const at = (minutes: number) => new Date(DAY.getTime() + minutes * 60_000);

/** first contact (and, for all but the VIPs, the final response) this many seconds after receipt */
const RETAIL_SECONDS = Array.from({ length: 12 }, (_, i) => 1 + i / 2); // 1 … 6.5
const BUSINESS_SECONDS = Array.from({ length: 12 }, (_, i) => 8 + i / 2); // 8 … 13.5

const histories = [
  ...RETAIL_SECONDS.map((seconds, i) => {
    const history = new CaseHistory({ receivedAt: at(i), segment: 'retail', channel: i % 2 === 0 ? 'phone' : 'email' }).wait(seconds).contact();
    if (i < 2) history.compensate(1000 + 500 * i); // EUR 10.00 and 15.00, within the agent's authority: approved at once
    return history.resolve(i % 2 === 0 ? 'upheld' : 'rejected');
  }),
  ...BUSINESS_SECONDS.map((seconds, i) =>
    new CaseHistory({ receivedAt: at(20 + i), segment: 'business', channel: i % 2 === 0 ? 'phone' : 'email' })
      .wait(seconds)
      .contact()
      .resolve(i % 2 === 0 ? 'upheld' : 'rejected'),
  ),
  ...[0, 1, 2].map((i) => new CaseHistory({ receivedAt: at(40 + i), segment: 'vip', language: null, channel: 'letter' }).wait(2).contact()),
];
const window = `from=${encodeURIComponent(DAY.toISOString())}&to=${encodeURIComponent(at(60).toISOString())}`;

const flagged = (comparisons: Comparison[]) =>
  comparisons
    .filter((c) => c.flagged)
    .map((c) => `${c.group} ${c.metric}`)
    .sort();
const comparison = (comparisons: Comparison[], group: string, metric: string) => comparisons.find((c) => c.group === group && c.metric === metric);

let reports: ReportSystem;
let system: TestSystem;

beforeAll(async () => {
  reports = await startReportSystem(histories, writePolicyVariant('test-fast.yaml', { reports: { fairnessAlpha: 0.05, minGroupSize: 10, recurringCauseThreshold: 3 } }).file);
  system = reports.system;
});

afterAll(async () => {
  await reports?.close();
});

it('flags the business segment’s slower first contact and final response with Mann-Whitney U, and says the VIPs are too few to judge', async () => {
  const reply = await call(system.baseUrl, 'GET', `/v1/reports/fairness?${window}&by=segment`, { key: 'manager' });
  expect(reply.status).toBe(200);
  const [{ n }] = await system.db.query(`SELECT max(global_position)::int AS n FROM events`);
  expect(reply.body).toMatchObject({
    by: 'segment',
    alpha: 0.05,
    minGroupSize: 10,
    correction: 'holm',
    coversThrough: n,
    eventsCovered: histories.reduce((sum, h) => sum + h.events.length, 0),
  });
  expect(reply.body.groups.map((g: { group: string; cases: number; tooSmall: boolean }) => [g.group, g.cases, g.tooSmall])).toEqual([
    ['business', 12, false],
    ['retail', 12, false],
    ['vip', 3, true],
  ]);

  const retail = reply.body.groups[1];
  // 1000 … 6500 ms: median (3500 + 4000) / 2; p90 at rank 0.9 · 11 = 9.9: 5500 + 0.9 · 500
  expect(retail.times).toEqual({
    timeToAcknowledgment: { count: 12, medianMs: 0, p90Ms: 0 },
    timeToFirstContact: { count: 12, medianMs: 3750, p90Ms: 5950 },
    timeToFinalResponse: { count: 12, medianMs: 3750, p90Ms: 5950 },
  });
  expect(retail.rates).toEqual({
    upheld: { of: 12, count: 6, rate: 0.5 },
    reopened: { of: 12, count: 0, rate: 0 },
    escalated: { of: 12, count: 0, rate: 0 },
    compensationOffered: { of: 12, count: 2, rate: 2 / 12 },
    compensationApproved: { of: 2, count: 2, rate: 1 },
    promiseBroken: { of: 12, count: 0, rate: 0 },
  });
  expect(retail).toMatchObject({ escalations: 0, promisesBroken: 0, compensation: [{ currency: 'EUR', offeredMinor: 2500, approvedMinor: 2500 }] });
  // the VIPs: shown, not judged; not answered yet, so left out of the final-response figure
  expect(reply.body.groups[2].times.timeToFirstContact).toEqual({ count: 3, medianMs: 2000, p90Ms: 2000 });
  expect(reply.body.groups[2].times.timeToFinalResponse).toEqual({ count: 0, medianMs: null, p90Ms: null });

  const comparisons: Comparison[] = reply.body.comparisons;
  expect(comparisons.some((c) => c.group === 'vip')).toBe(false);
  // 2 groups × 8 figures (compensation approved: of 2 and 0 cases offered, not judged)
  expect(comparisons).toHaveLength(16);
  expect(reply.body.notJudged).toEqual([
    { metric: 'compensationApproved', group: 'business', sizes: { group: 0, rest: 2 } },
    { metric: 'compensationApproved', group: 'retail', sizes: { group: 2, rest: 0 } },
  ]);
  expect(flagged(comparisons)).toEqual(['business timeToFinalResponse', 'business timeToFirstContact', 'retail timeToFinalResponse', 'retail timeToFirstContact']);

  const slower = comparison(comparisons, 'business', 'timeToFirstContact')!;
  // every business time (8000 … 13500) is above every other (retail's and the VIPs' 2000s): U = 12 · 15
  expect(slower).toMatchObject({ test: 'mann-whitney-u', statistic: 180, sizes: { group: 12, rest: 15 }, values: { group: 10750, rest: 3000 } });
  expect(slower.pValue).toBeCloseTo(1.0911802335692803e-5, 15); // SciPy: mannwhitneyu(business, retail + vip)
  expect(slower.adjustedPValue).toBeCloseTo(16 * 1.0911802335692803e-5, 14); // the smallest of 16: Holm multiplies it by 16
  const answeredLater = comparison(comparisons, 'business', 'timeToFinalResponse')!;
  expect(answeredLater).toMatchObject({ statistic: 144, sizes: { group: 12, rest: 12 } });
  expect(answeredLater.pValue).toBeCloseTo(3.225641456243767e-5, 15); // SciPy: mannwhitneyu(business, retail)
  // acknowledged at intake, all of them: every time is 0, nothing to tell apart
  expect(comparison(comparisons, 'business', 'timeToAcknowledgment')).toMatchObject({ pValue: 1, flagged: false });
});

it('flags the gap in upheld rates between channels with the two-proportion z-test', async () => {
  const reply = await call(system.baseUrl, 'GET', `/v1/reports/fairness?${window}&by=channel`, { key: 'auditor' });
  expect(reply.status).toBe(200);
  const comparisons: Comparison[] = reply.body.comparisons;
  expect(flagged(comparisons)).toEqual(['email upheld', 'phone upheld']);
  const phone = comparison(comparisons, 'phone', 'upheld')!;
  // 12 of 12 against 0 of 12: pooled rate 1/2, z = 1 / √(1/4 · (1/12 + 1/12)) = √24
  expect(phone).toMatchObject({ test: 'two-proportion-z', sizes: { group: 12, rest: 12 }, values: { group: 1, rest: 0 } });
  expect(phone.statistic).toBeCloseTo(Math.sqrt(24), 12);
  expect(phone.pValue).toBeCloseTo(9.633570086430965e-7, 18); // SciPy: 2 · norm.sf(√24)
  expect(comparison(comparisons, 'email', 'upheld')!.statistic).toBeCloseTo(-Math.sqrt(24), 12);
  expect(reply.body.groups.find((g: { group: string }) => g.group === 'letter')).toMatchObject({ cases: 3, tooSmall: true });
});

it('puts cases without a language in (none), and judges nothing against a rest too small', async () => {
  const reply = await call(system.baseUrl, 'GET', `/v1/reports/fairness?${window}&by=language`, { key: 'director' });
  expect(reply.body.groups.map((g: { group: string; cases: number; tooSmall: boolean }) => [g.group, g.cases, g.tooSmall])).toEqual([
    ['(none)', 3, true],
    ['pl', 24, false],
  ]);
  expect(reply.body.comparisons).toEqual([]);
  expect(reply.body.notJudged).toHaveLength(9);
  expect(reply.body.notJudged[1]).toEqual({ metric: 'timeToFirstContact', group: 'pl', sizes: { group: 24, rest: 3 } });
});

it('lets managers, directors and auditors read it, nobody else, and refuses an unknown grouping', async () => {
  for (const key of ['agent', 'intake', 'admin'] as const) {
    expect((await call(system.baseUrl, 'GET', `/v1/reports/fairness?${window}`, { key })).status).toBe(403);
  }
  const bySegment = await call(system.baseUrl, 'GET', `/v1/reports/fairness?${window}`, { key: 'manager' });
  expect(bySegment.body.by).toBe('segment');
  const unknown = await call(system.baseUrl, 'GET', `/v1/reports/fairness?${window}&by=postcode`, { key: 'manager' });
  expect(unknown.status).toBe(400);
  expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
});
