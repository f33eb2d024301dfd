// Properties of working-time arithmetic that must hold for any start instant and any
// duration, checked with fast-check on several calendars: the shipped London office,
// a New York office open on Saturday mornings (US holidays), a calendar whose Sunday
// hours straddle the DST switch at 01:00–02:00, and 24x7.
import fc from 'fast-check';
import { calendarFor } from './public-holidays';
import type { CalendarSpec } from './calendar-spec';

const weekdays = { mon: ['09:00', '17:30'], tue: ['09:00', '17:30'], wed: ['09:00', '17:30'], thu: ['09:00', '17:30'] } as const;

const calendars: Record<string, CalendarSpec> = {
  london: {
    timeZone: 'Europe/London',
    workingHours: { ...weekdays, fri: ['09:00', '17:00'] },
    holidays: { country: 'GB', state: 'ENG' },
    closedDates: ['2026-12-24', '2026-12-31'],
  },
  newYork: {
    timeZone: 'America/New_York',
    workingHours: { ...weekdays, fri: ['08:00', '16:00'], sat: ['10:00', '14:00'] },
    holidays: { country: 'US', state: 'NY' },
  },
  dstNight: {
    timeZone: 'Europe/London',
    workingHours: { mon: ['00:00', '24:00'], wed: ['12:00', '13:00'], sun: ['00:30', '03:00'] },
  },
};

const HOUR = 3_600_000;
const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });

interface Parts {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}
const parts = fc.record({
  weeks: fc.integer({ min: 0, max: 2 }),
  days: fc.integer({ min: 0, max: 12 }),
  hours: fc.integer({ min: 0, max: 30 }),
  minutes: fc.integer({ min: 0, max: 59 }),
  seconds: fc.integer({ min: 0, max: 59 }),
});

function iso({ weeks, days, hours, minutes, seconds }: Parts): string {
  const date = `${weeks ? `${weeks}W` : ''}${days ? `${days}D` : ''}`;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

describe.each(Object.entries(calendars))('BusinessCalendar properties (%s)', (_name, spec) => {
  const calendar = calendarFor(spec);
  const isCloseBoundary = (at: Date): boolean =>
    !calendar.isWorkingTime(at) && calendar.isWorkingTime(new Date(at.getTime() - 1));

  it('addWorkingTime always lands in working time or exactly on a close', () => {
    fc.assert(
      fc.property(instant, parts, (from, duration) => {
        const due = calendar.addWorkingTime(from, iso(duration));
        return calendar.isWorkingTime(due) || isCloseBoundary(due);
      }),
    );
  });

  it('addWorkingTime is monotonic: a later start never gives an earlier deadline', () => {
    fc.assert(
      fc.property(instant, instant, parts, (a, b, duration) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        return calendar.addWorkingTime(early, iso(duration)) <= calendar.addWorkingTime(late, iso(duration));
      }),
    );
  });

  it('addWorkingTime never ends before it starts', () => {
    fc.assert(fc.property(instant, parts, (from, duration) => calendar.addWorkingTime(from, iso(duration)) >= from));
  });

  it('n working hours later is exactly n hours of working time later', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 200 }), (from, n) => {
        expect(calendar.workingMillisBetween(from, calendar.addWorkingTime(from, `PT${n}H`))).toBe(n * HOUR);
      }),
    );
  });

  it('addWorkingMillis and workingMillisBetween are inverse', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 * HOUR }), (from, millis) => {
        expect(calendar.workingMillisBetween(from, calendar.addWorkingMillis(from, millis))).toBe(millis);
      }),
    );
  });

  it('workingMillisBetween is additive over consecutive spans', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(calendar.workingMillisBetween(a, c)).toBe(
          calendar.workingMillisBetween(a, b) + calendar.workingMillisBetween(b, c),
        );
      }),
    );
  });

  it('nextWorkingInstant is the first working instant at or after the given one', () => {
    fc.assert(
      fc.property(instant, (at) => {
        const next = calendar.nextWorkingInstant(at);
        expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(calendar.isWorkingTime(next)).toBe(true);
        expect(calendar.workingMillisBetween(at, next)).toBe(0);
      }),
    );
  });

  it('addBusinessDays(n) is n business days after the start of counting', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), (from, n) => {
        const start = calendar.nextWorkingInstant(from);
        const due = calendar.addBusinessDays(from, n);
        expect(calendar.businessDaysBetween(start, due)).toBe(n);
        expect(calendar.isBusinessDay(due)).toBe(true);
      }),
    );
  });
});

describe('BusinessCalendar properties (24x7)', () => {
  const calendar = calendarFor({ timeZone: 'Europe/London', workingHours: '24x7' });

  it('working time is clock time: addWorkingTime is plain addition', () => {
    fc.assert(
      fc.property(instant, parts, (from, duration) => {
        const { weeks, days, hours, minutes, seconds } = duration;
        const millis = ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
        expect(calendar.addWorkingTime(from, iso(duration)).getTime()).toBe(from.getTime() + millis);
      }),
    );
  });

  it('workingMillisBetween is the plain difference', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(calendar.workingMillisBetween(a, b)).toBe(Math.max(0, b.getTime() - a.getTime()));
      }),
    );
  });
});
