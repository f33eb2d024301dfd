import fc from 'fast-check';
import { RestartBackoff } from './restart-backoff';

const options = { initialMs: 1_000, maxMs: 30_000, stableAfterMs: 60_000 };

describe('RestartBackoff', () => {
  it('waits 1 s after a first death, doubling with each quick death in a row, capped at 30 s', () => {
    const backoff = new RestartBackoff(options);
    expect([5, 100, 2_000, 10, 10, 10, 10, 10].map((uptime) => backoff.delayAfter(uptime))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('starts again from 1 s once the process stayed up long enough before dying', () => {
    const backoff = new RestartBackoff(options);
    backoff.delayAfter(10);
    backoff.delayAfter(10);
    expect(backoff.delayAfter(10)).toBe(4_000);
    expect(backoff.delayAfter(60_000)).toBe(1_000);
    expect(backoff.delayAfter(59_999)).toBe(2_000);
  });

  it('never waits less than the initial delay nor more than the cap, whatever the uptimes', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 120_000 }), { minLength: 1, maxLength: 40 }), (uptimes) => {
        const backoff = new RestartBackoff(options);
        for (const uptime of uptimes) {
          const delay = backoff.delayAfter(uptime);
          if (delay < options.initialMs || delay > options.maxMs) return false;
          if (uptime >= options.stableAfterMs && delay !== options.initialMs) return false;
        }
        return true;
      }),
    );
  });
});
