import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import { closureTiming, complaintsReturn, reconcileRedress, UNMAPPED_GROUP } from './complaints-return';

// London, Mon–Fri, English public holidays: Monday 31 August 2026 is the summer bank holiday
const { calendar } = loadPolicy('default.yaml');
const london = (local: string) => new Date(`${local}+01:00`);

describe('how fast a complaint was closed', () => {
  const thursday = london('2026-08-27T10:00:00');
  it('is within 3 business days up to the end of the third business day after the day of receipt, across a weekend and a bank holiday', () => {
    // Fri 28 (1), Sat, Sun, Mon 31 (holiday), Tue 1 Sep (2), Wed 2 Sep (3), Thu 3 Sep (4)
    expect(closureTiming(calendar, thursday, london('2026-09-02T23:59:00'))).toBe('within3BusinessDays');
    expect(closureTiming(calendar, thursday, london('2026-09-03T09:00:00'))).toBe('after3BusinessDaysWithin8Weeks');
  });
  it('is within 8 weeks up to the same local time 8 calendar weeks after receipt', () => {
    const monday = london('2026-07-06T10:00:00');
    expect(closureTiming(calendar, monday, london('2026-08-31T10:00:00'))).toBe('after3BusinessDaysWithin8Weeks');
    expect(closureTiming(calendar, monday, london('2026-08-31T10:00:01'))).toBe('after8Weeks');
  });
});

describe('the return', () => {
  const groups = { billing: 'Banking and credit cards', cards: 'Banking and credit cards', mortgages: 'Home finance' };
  const received = '2026-07-06T09:00:00.000Z';
  const inputs = {
    opened: [
      { category: 'billing', count: 3 },
      { category: 'delivery', count: 2 },
      { category: 'legal', count: 1 },
    ],
    closed: [
      { category: 'billing', receivedAt: received, respondedAt: '2026-07-07T09:00:00.000Z', outcome: 'upheld' as const },
      { category: 'billing', receivedAt: received, respondedAt: '2026-07-20T09:00:00.000Z', outcome: 'partially_upheld' as const },
      { category: 'billing', receivedAt: received, respondedAt: '2026-09-20T09:00:00.000Z', outcome: 'rejected' as const },
      { category: 'delivery', receivedAt: received, respondedAt: '2026-07-06T12:00:00.000Z', outcome: 'rejected' as const },
    ],
    endedWithoutResponse: [{ category: 'legal', count: 1 }],
    redress: [
      { category: 'billing', currency: 'GBP', minor: 4500 },
      { category: 'delivery', currency: 'GBP', minor: 1 },
      { category: 'delivery', currency: 'EUR', minor: 1250 },
    ],
    redressFromEvents: [
      { currency: 'EUR', minor: 1250 },
      { currency: 'GBP', minor: 4501 },
    ],
  };

  it('groups categories by the policy’s product groups, every group it names shown, the unmapped ones last and listed', () => {
    const report = complaintsReturn(inputs, groups, calendar);
    expect(report.groups.map((g) => [g.productGroup, g.categories])).toEqual([
      ['Banking and credit cards', ['billing', 'cards']],
      ['Home finance', ['mortgages']],
      [UNMAPPED_GROUP, ['delivery', 'legal']],
    ]);
    expect(report.groups[0]).toEqual({
      productGroup: 'Banking and credit cards',
      categories: ['billing', 'cards'],
      opened: 3,
      closed: 3,
      closedWithin3BusinessDays: 1,
      closedAfter3BusinessDaysWithin8Weeks: 1,
      closedAfter8Weeks: 1,
      upheld: 2,
      upheldPercent: 66.67,
      endedWithoutResponse: 0,
      redress: [{ currency: 'GBP', minor: 4500 }],
    });
    expect(report.groups[1]).toMatchObject({ opened: 0, closed: 0, upheldPercent: null, redress: [] });
    expect(report.total).toMatchObject({
      opened: 6,
      closed: 4,
      closedWithin3BusinessDays: 2,
      upheld: 2,
      upheldPercent: 50,
      endedWithoutResponse: 1,
      redress: [
        { currency: 'EUR', minor: 1250 },
        { currency: 'GBP', minor: 4501 },
      ],
    });
  });

  it('says the redress reconciles when each currency’s sum equals the events’ to the minor unit', () => {
    const report = complaintsReturn(inputs, groups, calendar);
    expect(report.reconciliation).toEqual([
      { currency: 'EUR', fromReportTables: 1250, fromEvents: 1250, reconciled: true },
      { currency: 'GBP', fromReportTables: 4501, fromEvents: 4501, reconciled: true },
    ]);
    expect(report.reconciled).toBe(true);
  });

  it('says it does not when a sum is off by a minor unit, or a currency is missing on one side', () => {
    const report = complaintsReturn({ ...inputs, redressFromEvents: [{ currency: 'GBP', minor: 4500 }] }, groups, calendar);
    expect(report.reconciliation).toEqual([
      { currency: 'EUR', fromReportTables: 1250, fromEvents: 0, reconciled: false },
      { currency: 'GBP', fromReportTables: 4501, fromEvents: 4500, reconciled: false },
    ]);
    expect(report.reconciled).toBe(false);
    expect(reconcileRedress([], [])).toEqual([]);
  });

  it('reports every category as unmapped when the policy maps none', () => {
    expect(complaintsReturn(inputs, {}, calendar).groups.map((g) => [g.productGroup, g.categories])).toEqual([[UNMAPPED_GROUP, ['billing', 'delivery', 'legal']]]);
  });
});
