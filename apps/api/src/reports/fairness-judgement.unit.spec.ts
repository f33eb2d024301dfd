/** The fairness judgement on samples made by hand: who is compared with whom, what is too small, what is flagged. */
import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import { DEFAULT_FAIRNESS_THRESHOLDS, fairnessThresholds, judgeFairness, type GroupSample } from './fairness-judgement';

const none = { of: 0, count: 0 };

function sample(group: string, cases: number, firstContact: number[], upheld: { of: number; count: number } = none): GroupSample {
  return {
    group,
    cases,
    times: { timeToAcknowledgment: [], timeToFirstContact: firstContact, timeToFinalResponse: [] },
    rates: { upheld, reopened: none, escalated: none, compensationOffered: none, compensationApproved: none, promiseBroken: none },
    escalations: 0,
    promisesBroken: 0,
    compensation: [],
  };
}

it('takes α and the minimum group size from the policy, and 0.05 and 30 when it has no reports section', () => {
  const { policy } = loadPolicy('test-fast.yaml');
  expect(policy.reports).toBeUndefined();
  expect(fairnessThresholds(policy)).toEqual({ alpha: 0.05, minGroupSize: 30 });
  expect(DEFAULT_FAIRNESS_THRESHOLDS).toEqual({ alpha: 0.05, minGroupSize: 30 });
  expect(fairnessThresholds({ ...policy, reports: { fairnessAlpha: 0.01, minGroupSize: 50, recurringCauseThreshold: 3 } })).toEqual({ alpha: 0.01, minGroupSize: 50 });
});

it('compares each group big enough with all the other cases pooled, small groups included, and lists the figures too small to judge', () => {
  const fast = [1, 2, 3];
  const slow = [10, 11, 12];
  const { groups, comparisons, notJudged } = judgeFairness([sample('a', 3, fast, { of: 3, count: 3 }), sample('b', 3, slow, { of: 3, count: 0 }), sample('c', 1, [2])], {
    alpha: 0.05,
    minGroupSize: 3,
  });
  expect(groups.map((g) => [g.group, g.tooSmall])).toEqual([
    ['a', false],
    ['b', false],
    ['c', true],
  ]);
  expect(groups[0].times.timeToFirstContact).toEqual({ count: 3, medianMs: 2, p90Ms: 3 });
  expect(groups[0].rates.upheld).toEqual({ of: 3, count: 3, rate: 1 });
  expect(groups[2].rates.upheld).toEqual({ of: 0, count: 0, rate: null });
  // a against b and c pooled: 3 against 4 first contacts; upheld 3 of 3 against 0 of 3
  expect(comparisons.find((c) => c.group === 'a' && c.metric === 'timeToFirstContact')).toMatchObject({
    test: 'mann-whitney-u',
    sizes: { group: 3, rest: 4 },
    values: { group: 2, rest: 11 }, // medians in whole milliseconds: 10.5 rounds to 11
  });
  expect(comparisons.find((c) => c.group === 'b' && c.metric === 'upheld')).toMatchObject({ test: 'two-proportion-z', values: { group: 0, rest: 1 } });
  expect(comparisons.map((c) => `${c.group} ${c.metric}`)).toEqual(['a timeToFirstContact', 'a upheld', 'b timeToFirstContact', 'b upheld']);
  expect(notJudged).toContainEqual({ metric: 'timeToAcknowledgment', group: 'a', sizes: { group: 0, rest: 0 } });
  expect(notJudged).toHaveLength(2 * 7);
});

it('flags a gap when its Holm-adjusted p is below α, not its own p', () => {
  // 0 of 40 against 8 of 40: z = −0.2 / √(0.1 · 0.9 · 2/40), p ≈ 0.0029 alone; Holm doubles it over the report's two comparisons
  const judge = (alpha: number) => judgeFairness([sample('a', 40, [], { of: 40, count: 0 }), sample('b', 40, [], { of: 40, count: 8 })], { alpha, minGroupSize: 30 });
  const lenient = judge(0.01).comparisons;
  expect(lenient.map((c) => `${c.group} ${c.metric}`)).toEqual(['a upheld', 'b upheld']);
  for (const c of lenient) {
    expect(c.pValue).toBeCloseTo(0.002869112792076615, 12); // SciPy: 2 · norm.sf(z)
    expect(c.adjustedPValue).toBeCloseTo(2 * c.pValue, 12);
    expect(c.flagged).toBe(true);
  }
  expect(judge(0.005).comparisons.map((c) => c.flagged)).toEqual([false, false]);
});
