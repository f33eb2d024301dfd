/**
 * The statistics of the fairness report, over stdlib (@stdlib/stats-*), pure:
 * - the Mann-Whitney U test of two samples (two-sided, normal approximation with the tie
 *   correction, no continuity correction): U from stdlib's average ranks, the p-value from
 *   stdlib's Kruskal-Wallis test of the two samples, whose tie-corrected H is, for two groups,
 *   exactly z² of that normal approximation (χ² with 1 degree of freedom);
 * - the two-proportion z-test (two-sided, pooled standard error), its p-value from stdlib's
 *   normal distribution;
 * - Holm's step-down adjustment of a family of p-values;
 * - percentiles with linear interpolation between the closest ranks, as PostgreSQL's
 *   percentile_cont (and so the dashboard) computes them.
 * A p-value below about 1e-16 reads as 0 (the χ² tail is 1 − CDF in double precision).
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import kruskalTest from '@stdlib/stats-kruskal-test';
import ranks from '@stdlib/stats-ranks';

export interface TestResult {
  /** U of the first sample (Mann-Whitney), or z of the first proportion against the second (positive: the first is higher) */
  statistic: number;
  pValue: number;
}

/** Mann-Whitney U of `a` against `b` (both non-empty); p is 1 when every value is the same (no order to test). */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): TestResult {
  if (a.length === 0 || b.length === 0) throw new RangeError('both samples must be non-empty');
  const combined = [...a, ...b];
  const rankSumA = ranks(combined)
    .slice(0, a.length)
    .reduce((sum, rank) => sum + rank, 0);
  const u = rankSumA - (a.length * (a.length + 1)) / 2;
  if (combined.every((value) => value === combined[0])) return { statistic: u, pValue: 1 };
  return { statistic: u, pValue: kruskalTest([...a], [...b]).pValue };
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
