/**
 * Whether cases of one group (a segment, a channel, a language) fare worse or better than
 * the rest, pure: each group's figures, and each group compared with all the other cases of
 * the window (one against the rest) on every figure: Mann-Whitney U on the times, the
 * two-proportion z-test on the rates (fairness-statistics.ts). The p-values of all the
 * comparisons of one report are adjusted together with Holm's method, and a gap is flagged
 * when its adjusted p is below α: the chance of flagging any gap where none exists stays at
 * α for the whole report. A group with fewer than `minGroupSize` cases is too small to
 * judge: its figures are shown, it is not compared; nor is a figure whose sample (the
 * group's or the rest's) is that small (`notJudged`).
 */
import type { Policy } from '../../../../libs/domain/src';
import { holmAdjusted, mannWhitneyU, percentile, twoProportionZTest } from './fairness-statistics';

export const FAIRNESS_GROUPINGS = ['segment', 'channel', 'language'] as const;
export type FairnessGrouping = (typeof FAIRNESS_GROUPINGS)[number];

/** from receipt to the acknowledgment, to the first contact with the customer, to the first final response */
export const FAIRNESS_TIME_METRICS = ['timeToAcknowledgment', 'timeToFirstContact', 'timeToFinalResponse'] as const;
export type TimeMetric = (typeof FAIRNESS_TIME_METRICS)[number];

/**
 * upheld (fully or partially) and reopened: of the cases answered; escalated (at least once),
 * offered compensation and with a promise broken: of the cases; compensation approved: of the
 * cases offered it (an approved proposal on the case).
 */
export const FAIRNESS_RATE_METRICS = ['upheld', 'reopened', 'escalated', 'compensationOffered', 'compensationApproved', 'promiseBroken'] as const;
export type RateMetric = (typeof FAIRNESS_RATE_METRICS)[number];

export interface FairnessThresholds {
  alpha: number;
  minGroupSize: number;
}

/** when the policy has no `reports` section */
export const DEFAULT_FAIRNESS_THRESHOLDS: FairnessThresholds = { alpha: 0.05, minGroupSize: 30 };

export function fairnessThresholds(policy: Policy): FairnessThresholds {
  return policy.reports ? { alpha: policy.reports.fairnessAlpha, minGroupSize: policy.reports.minGroupSize } : DEFAULT_FAIRNESS_THRESHOLDS;
}

/** `count` of `of` */
export interface Proportion {
  of: number;
  count: number;
}

export interface CompensationByCurrency {
  currency: string;
  /** all proposed, in minor units */
  offeredMinor: number;
  approvedMinor: number;
}

/** What the report tables tell of one group's cases. */
export interface GroupSample {
  group: string;
  cases: number;
  /** per case that got there, milliseconds from receipt */
  times: Record<TimeMetric, number[]>;
  rates: Record<RateMetric, Proportion>;
  escalations: number;
  promisesBroken: number;
  compensation: CompensationByCurrency[];
}

export interface Comparison {
  metric: TimeMetric | RateMetric;
  group: string;
  test: 'mann-whitney-u' | 'two-proportion-z';
  statistic: number;
  pValue: number;
  adjustedPValue: number;
  flagged: boolean;
  /** the group's sample and the rest's: cases with the time, or the rate's denominator */
  sizes: { group: number; rest: number };
  /** medians (milliseconds) or rates */
  values: { group: number | null; rest: number | null };
}

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const rounded = (value: number | null) => (value === null ? null : Math.round(value));
const rate = (p: Proportion) => (p.of > 0 ? p.count / p.of : null);
const median = (values: readonly number[]) => rounded(percentile(ascending(values), 0.5));

function timeFigures(values: readonly number[]) {
  const sorted = ascending(values);
  return { count: sorted.length, medianMs: rounded(percentile(sorted, 0.5)), p90Ms: rounded(percentile(sorted, 0.9)) };
}

function groupFigures(sample: GroupSample, thresholds: FairnessThresholds) {
  return {
    group: sample.group,
    cases: sample.cases,
    tooSmall: sample.cases < thresholds.minGroupSize,
    times: Object.fromEntries(FAIRNESS_TIME_METRICS.map((metric) => [metric, timeFigures(sample.times[metric])])) as Record<TimeMetric, ReturnType<typeof timeFigures>>,
    rates: Object.fromEntries(FAIRNESS_RATE_METRICS.map((metric) => [metric, { ...sample.rates[metric], rate: rate(sample.rates[metric]) }])) as Record<
      RateMetric,
      Proportion & { rate: number | null }
    >,
    escalations: sample.escalations,
    promisesBroken: sample.promisesBroken,
    compensation: sample.compensation,
  };
}

/** a comparison before the report's p-values are adjusted together */
type Unadjusted = Omit<Comparison, 'adjustedPValue' | 'flagged'>;

export function judgeFairness(samples: readonly GroupSample[], thresholds: FairnessThresholds) {
  const tested: Unadjusted[] = [];
  const notJudged: { metric: TimeMetric | RateMetric; group: string; sizes: { group: number; rest: number } }[] = [];
  const bigEnough = (sizes: { group: number; rest: number }) => sizes.group >= thresholds.minGroupSize && sizes.rest >= thresholds.minGroupSize;
  for (const sample of samples) {
    if (sample.cases < thresholds.minGroupSize) continue;
    const others = samples.filter((other) => other !== sample);
    for (const metric of FAIRNESS_TIME_METRICS) {
      const mine = sample.times[metric];
      const rest = others.flatMap((other) => other.times[metric]);
      const sizes = { group: mine.length, rest: rest.length };
      if (!bigEnough(sizes)) {
        notJudged.push({ metric, group: sample.group, sizes });
        continue;
      }
      tested.push({ metric, group: sample.group, test: 'mann-whitney-u', ...mannWhitneyU(mine, rest), sizes, values: { group: median(mine), rest: median(rest) } });
    }
    for (const metric of FAIRNESS_RATE_METRICS) {
      const mine = sample.rates[metric];
      const rest = others.reduce((sum, other) => ({ of: sum.of + other.rates[metric].of, count: sum.count + other.rates[metric].count }), { of: 0, count: 0 });
      const sizes = { group: mine.of, rest: rest.of };
      if (!bigEnough(sizes)) {
        notJudged.push({ metric, group: sample.group, sizes });
        continue;
      }
      tested.push({
        metric,
        group: sample.group,
        test: 'two-proportion-z',
        ...twoProportionZTest(mine.count, mine.of, rest.count, rest.of),
        sizes,
        values: { group: rate(mine), rest: rate(rest) },
      });
    }
  }
  const adjusted = holmAdjusted(tested.map((comparison) => comparison.pValue));
  const comparisons: Comparison[] = tested.map((comparison, i) => ({ ...comparison, adjustedPValue: adjusted[i], flagged: adjusted[i] < thresholds.alpha }));
  return { groups: samples.map((sample) => groupFigures(sample, thresholds)), comparisons, notJudged };
}
