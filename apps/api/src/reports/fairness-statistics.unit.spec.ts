/**
 * The fairness statistics against values known apart from this code: the worked example of
 * SciPy's `mannwhitneyu` documentation (U = 17), SciPy 1.17.1's `mannwhitneyu(...,
 * method='asymptotic', use_continuity=False)` on samples with ties, figures worked by hand,
 * and PostgreSQL's percentile_cont.
 */
import { holmAdjusted, mannWhitneyU, percentile, twoProportionZTest } from './fairness-statistics';

describe('mannWhitneyU', () => {
  it('gives the U and the normal-approximation p of SciPy’s documented example (without the continuity correction)', () => {
    const males = [19, 22, 16, 29, 24];
    const females = [20, 11, 17, 12];
    const result = mannWhitneyU(males, females);
    expect(result.statistic).toBe(17);
    // SciPy 1.17.1: mannwhitneyu(males, females, method='asymptotic', use_continuity=False).pvalue
    expect(result.pValue).toBeCloseTo(0.0864107329737, 10);
    expect(mannWhitneyU(females, males)).toEqual({ statistic: 3, pValue: result.pValue });
  });

  it('corrects for ties as SciPy does', () => {
    const result = mannWhitneyU([1, 2, 2, 3, 3, 3, 4, 7], [3, 4, 4, 5, 5, 6, 8, 8, 9]);
    expect(result.statistic).toBe(9.5);
    // SciPy 1.17.1: mannwhitneyu(a, b, method='asymptotic', use_continuity=False).pvalue
    expect(result.pValue).toBeCloseTo(0.009967689167286752, 10);
  });

  it('works a complete separation out as by hand: U = 0, z = −4.5 / √5.25, p = 2Φ(z)', () => {
    const result = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    expect(result.statistic).toBe(0);
    expect(result.pValue).toBeCloseTo(0.049534613435626706, 10);
  });

  it('finds nothing to tell apart when every value is the same, and refuses an empty sample', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5])).toEqual({ statistic: 3, pValue: 1 });
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
  });
});

describe('twoProportionZTest', () => {
  it('works 45 of 100 against 30 of 100 out as by hand: pooled 0.375, z = 0.15 / √(0.375 · 0.625 · 0.02)', () => {
    const result = twoProportionZTest(45, 100, 30, 100);
    expect(result.statistic).toBeCloseTo(2.1908902300206643, 12);
    // z² is Pearson's χ² of the 2×2 table (SciPy 1.17.1: chi2_contingency([[45, 55], [30, 70]], correction=False).pvalue)
    expect(result.pValue).toBeCloseTo(0.028459736916310638, 12);
    expect(twoProportionZTest(30, 100, 45, 100).statistic).toBeCloseTo(-2.1908902300206643, 12);
  });

  it('finds nothing to tell apart when nobody (or everybody) on both sides counts', () => {
    expect(twoProportionZTest(0, 40, 0, 60)).toEqual({ statistic: 0, pValue: 1 });
    expect(twoProportionZTest(40, 40, 60, 60)).toEqual({ statistic: 0, pValue: 1 });
  });
});

describe('holmAdjusted', () => {
  it('multiplies the k-th smallest of m p-values by m − k + 1, keeps them non-decreasing in that order and caps them at 1', () => {
    // sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → 0.06
    const adjusted = holmAdjusted([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
    expect(holmAdjusted([0.5, 0.6])).toEqual([1, 1]);
    expect(holmAdjusted([])).toEqual([]);
  });
});

describe('percentile', () => {
  it('interpolates between the closest ranks as percentile_cont does', () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([10, 20, 30, 40], 0.9)).toBeCloseTo(37, 12);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
});
