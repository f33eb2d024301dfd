/**
 * The statistics of the fairness report, pure, their distributions from stdlib
 * (@stdlib/stats-base-dists-normal-cdf):
 * - the Mann-Whitney U test of two samples (two-sided, normal approximation with the tie
 *   correction, no continuity correction): average ranks by one sort, U from the first
 *   sample's rank sum, z against U's mean and tie-corrected variance, p = 2·Φ(−|z|) — the
 *   same p as SciPy's `mannwhitneyu(..., method='asymptotic', use_continuity=False)`. (stdlib's
 *   ranks and Kruskal-Wallis test gave the same figures but took time quadratic in ties: over
 *   100,000 cases one report kept the API's event loop busy for minutes.)
 * - the two-proportion z-test (two-sided, pooled standard error), p from the normal CDF;
 * - Holm's step-down adjustment of a family of p-values;
 * - percentiles with linear interpolation between the closest ranks, as PostgreSQL's
 *   percentile_cont (and so the dashboard) computes them.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

export interface TestResult {
  /** U of the first sample (Mann-Whitney), or z of the first proportion against the second (positive: the first is higher) */
  statistic: number;
  pValue: number;
}

/** Average ranks (1-based, in input order; tied values share the mean of their ranks) and the ties' Σ(t³ − t). */
function averageRanks(values: readonly number[]): { ranks: Float64Array; tieTerm: number } {
  const order = Array.from(values.keys()).sort((i, j) => values[i] - values[j]);
  const ranks = new Float64Array(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end += 1;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k += 1) ranks[order[k]] = rank;
    const tied = end - start;
    tieTerm += tied * tied * tied - tied;
    start = end;
  }
  return { ranks, tieTerm };
}

/** Mann-Whitney U of `a` against `b` (both non-empty); p is 1 when every value is the same (no order to test). */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): TestResult {
  if (a.length === 0 || b.length === 0) throw new RangeError('both samples must be non-empty');
  const n1 = a.length;
  const n2 = b.length;
  const n = n1 + n2;
  const { ranks, tieTerm } = averageRanks([...a, ...b]);
  let rankSumA = 0;
  for (let i = 0; i < n1; i += 1) rankSumA += ranks[i];
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { statistic: u, pValue: 1 };
  const z = (u - (n1 * n2) / 2) / Math.sqrt(variance);
  return { statistic: u, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1)) };
}

/** The two-proportion z-test of `x1` of `n1` against `x2` of `n2` (n1, n2 > 0); p is 1 when the pooled rate is 0 or 1 (nothing to tell apart). */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): TestResult {
  if (n1 <= 0 || n2 <= 0) throw new RangeError('both samples must be non-empty');
  const pooled = (x1 + x2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (standardError === 0) return { statistic: 0, pValue: 1 };
  const z = (x1 / n1 - x2 / n2) / standardError;
  return { statistic: z, pValue: 2 * normalCdf(-Math.abs(z), 0, 1) };
}

/** Holm's adjusted p-values, in the order given: the family-wise error rate stays at α when each adjusted p is compared with α. */
export function holmAdjusted(pValues: readonly number[]): number[] {
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

/** The q-quantile (0 ≤ q ≤ 1) of ascending `sorted`, interpolated as percentile_cont; null for an empty sample. */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
}
