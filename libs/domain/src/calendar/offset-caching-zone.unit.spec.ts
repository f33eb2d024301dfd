/**
 * The hour-remembering zone answers exactly what luxon's IANA zone answers, at any instant,
 * in zones with whole-hour, half-hour and 45-minute offsets and changes at half-hours of UTC.
 */
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { OffsetCachingZone } from './offset-caching-zone';

const ZONES = ['Europe/London', 'Europe/Warsaw', 'Asia/Jerusalem', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Apia', 'UTC'];
const HOUR_MS = 3_600_000;

/** Instants from 1970 to 2060, and instants within a minute of each whole and half hour (where offsets change). */
const instant = fc.oneof(
  fc.integer({ min: 0, max: Date.UTC(2060, 0, 1) }),
  fc
    .tuple(fc.integer({ min: 0, max: Date.UTC(2060, 0, 1) / (HOUR_MS / 2) }), fc.integer({ min: -60_000, max: 60_000 }))
    .map(([halfHour, near]) => halfHour * (HOUR_MS / 2) + near),
);

describe.each(ZONES)('%s', (name) => {
  const cached = new OffsetCachingZone(name);
  const iana = IANAZone.create(name);

  it('gives the IANA zone offset at every instant', () => {
    fc.assert(
      fc.property(instant, (ts) => {
        expect(cached.offset(ts)).toBe(iana.offset(ts));
      }),
      { numRuns: 3_000 },
    );
  });

  it('makes the same DateTimes as the IANA zone, local fields and all', () => {
    fc.assert(
      fc.property(instant, (ts) => {
        const ours = DateTime.fromMillis(ts, { zone: cached });
        const theirs = DateTime.fromMillis(ts, { zone: iana });
        expect(ours.toISO()).toBe(theirs.toISO());
        expect(ours.startOf('day').toMillis()).toBe(theirs.startOf('day').toMillis());
        expect(ours.zone.equals(theirs.zone)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

it.each([
  ['April 2026 (at 15:00 UTC)', Date.UTC(2026, 3, 4, 12)],
  ['October 2026 (at 15:30 UTC, inside an hour)', Date.UTC(2026, 9, 3, 12)],
])('answers every minute around a change of Lord Howe Island, %s', (_, from) => {
  // Lord Howe Island moves between +10:30 and +11:00 at 02:00 local
  const cached = new OffsetCachingZone('Australia/Lord_Howe');
  const iana = IANAZone.create('Australia/Lord_Howe');
  const seen = new Set<number>();
  for (let ts = from; ts < from + 6 * HOUR_MS; ts += 60_000) {
    expect(cached.offset(ts)).toBe(iana.offset(ts));
    seen.add(iana.offset(ts));
  }
  expect(seen.size).toBe(2); // the window has the change in it
});
