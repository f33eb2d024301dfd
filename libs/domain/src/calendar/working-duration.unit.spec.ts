// Reading ISO 8601 durations as working time.
import { isoDurationProblem, parseWorkingDuration, workingDurationProblem } from './working-duration';

describe('working durations', () => {
  it('splits days and weeks from the clock part', () => {
    expect(parseWorkingDuration('P1W2DT3H4M5.5S')).toEqual({
      weeks: 1,
      days: 2,
      millis: ((3 * 60 + 4) * 60 + 5.5) * 1000,
    });
    expect(parseWorkingDuration('PT0.5H')).toEqual({ weeks: 0, days: 0, millis: 1_800_000 });
  });

  it('refuses what is not an ISO 8601 duration, negative or empty', () => {
    for (const text of ['', 'P', 'PT', '1D', 'pt1h', '-P1D', 'P-1D', 'P1DT', 'three days']) {
      expect(isoDurationProblem(text)).toBe('not an ISO 8601 duration');
    }
    expect(isoDurationProblem('P2M')).toBeUndefined();
  });

  it('refuses months, years and fractional days as working time', () => {
    expect(workingDurationProblem('P1M')).toMatch(/months and years/);
    expect(workingDurationProblem('P1Y')).toMatch(/months and years/);
    expect(workingDurationProblem('P1.5D')).toMatch(/whole numbers/);
    expect(() => parseWorkingDuration('P1M')).toThrow(/working-time duration "P1M"/);
  });

  it('refuses a duration longer than two years, which would let a policy make every deadline costly to compute', () => {
    for (const text of ['P3Y', 'P25M', 'P105W', 'P732D', 'PT17545H', 'P2Y1D']) expect(isoDurationProblem(text)).toMatch(/two years/);
    for (const text of ['P2Y', 'P24M', 'P104W', 'P731D', 'P56D', 'PT17544H']) expect(isoDurationProblem(text)).toBeUndefined();
  });
});
