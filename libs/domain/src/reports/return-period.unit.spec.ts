import { returnPeriod } from './return-period';

it('is a half year from local midnight to local midnight in the time zone', () => {
  expect(returnPeriod('2026H2', 'Europe/London')).toEqual({ period: '2026H2', from: '2026-06-30T23:00:00.000Z', to: '2027-01-01T00:00:00.000Z' });
  expect(returnPeriod('2026H1', 'Europe/London')).toEqual({ period: '2026H1', from: '2026-01-01T00:00:00.000Z', to: '2026-06-30T23:00:00.000Z' });
  expect(returnPeriod('2026H1', 'Asia/Jerusalem')).toEqual({ period: '2026H1', from: '2025-12-31T22:00:00.000Z', to: '2026-06-30T21:00:00.000Z' });
});

it('refuses what is not a period', () => {
  expect(() => returnPeriod('2026H3', 'Europe/London')).toThrow(/not a return period/);
  expect(() => returnPeriod('2026-H1', 'Europe/London')).toThrow(/not a return period/);
});
