// Severity ordering.
import { isSeverity, maxSeverity, SEVERITIES, severityRank } from './severity';

describe('severity', () => {
  it('orders low < normal < high < critical', () => {
    expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2, 3]);
  });

  it('maxSeverity raises to a floor but never lowers', () => {
    expect(maxSeverity('low', 'high')).toBe('high');
    expect(maxSeverity('critical', 'high')).toBe('critical');
    expect(maxSeverity('normal', undefined)).toBe('normal');
  });

  it('isSeverity recognises only the four names', () => {
    expect(isSeverity('high')).toBe(true);
    expect(isSeverity('urgent')).toBe(false);
    expect(isSeverity(2)).toBe(false);
  });
});
