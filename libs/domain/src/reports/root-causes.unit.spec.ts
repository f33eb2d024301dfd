import { DEFAULT_RECURRING_CAUSE_THRESHOLD, NO_CAUSE, recurringCauseThreshold, rootCauseFigures } from './root-causes';

const causes = [
  { code: 'pricing', label: 'Pricing or fee error' },
  { code: 'courier', label: 'Courier failure' },
];

it('flags a cause named as many times as the threshold in a category and month, not one fewer', () => {
  const figures = rootCauseFigures(
    [
      { category: 'billing', month: '2026-10', cause: 'pricing', responses: 3 },
      { category: 'billing', month: '2026-10', cause: 'courier', responses: 2 },
      { category: 'billing', month: '2026-11', cause: 'pricing', responses: 4 },
    ],
    causes,
    3,
  );
  expect(figures.map((f) => [f.month, f.cause, f.recurring])).toEqual([
    ['2026-10', 'pricing', true],
    ['2026-10', 'courier', false],
    ['2026-11', 'pricing', true],
  ]);
});

it('labels causes from the policy; a response without a cause is (none), unlabelled and never flagged; a retired code has no label', () => {
  const figures = rootCauseFigures(
    [
      { category: 'delivery', month: '2026-10', cause: NO_CAUSE, responses: 9 },
      { category: 'billing', month: '2026-10', cause: 'retired', responses: 1 },
      { category: 'delivery', month: '2026-10', cause: 'courier', responses: 1 },
    ],
    causes,
    1,
  );
  expect(figures).toEqual([
    { category: 'billing', month: '2026-10', cause: 'retired', responses: 1, label: null, recurring: true },
    { category: 'delivery', month: '2026-10', cause: NO_CAUSE, responses: 9, label: null, recurring: false },
    { category: 'delivery', month: '2026-10', cause: 'courier', responses: 1, label: 'Courier failure', recurring: true },
  ]);
});

it('takes the policy’s threshold, or the default without one', () => {
  expect(recurringCauseThreshold({ reports: { recurringCauseThreshold: 7 } })).toBe(7);
  expect(recurringCauseThreshold({})).toBe(DEFAULT_RECURRING_CAUSE_THRESHOLD);
});
