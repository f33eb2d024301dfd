// Working-time arithmetic on concrete dates: the shipped London calendar (Mon–Thu
// 09:00–17:30, Fri 09:00–17:00, English public holidays, closed 24 and 31 December),
// across both DST changes, and a 24x7 calendar.
import { BusinessCalendar, CalendarRangeError, HolidayDates } from './business-calendar';
import { DateTime } from 'luxon';
import { calendarFor, publicHolidayDates } from './public-holidays';
import type { CalendarSpec } from './calendar-spec';

const londonSpec: CalendarSpec = {
  timeZone: 'Europe/London',
  workingHours: {
    mon: ['09:00', '17:30'],
    tue: ['09:00', '17:30'],
    wed: ['09:00', '17:30'],
    thu: ['09:00', '17:30'],
    fri: ['09:00', '17:00'],
  },
  holidays: { country: 'GB', state: 'ENG' },
  closedDates: ['2026-12-24', '2026-12-31'],
};
const london = calendarFor(londonSpec);
const allDay = calendarFor({ timeZone: 'Europe/London', workingHours: '24x7' });

const utc = (iso: string): Date => new Date(iso);
const HOUR = 3_600_000;

describe('BusinessCalendar (London office)', () => {
  describe('working time', () => {
    it('opening is working time, closing is not (half-open day)', () => {
      expect(london.isWorkingTime(utc('2026-11-16T09:00:00Z'))).toBe(true);
      expect(london.isWorkingTime(utc('2026-11-16T17:29:59.999Z'))).toBe(true);
      expect(london.isWorkingTime(utc('2026-11-16T17:30:00Z'))).toBe(false);
      expect(london.isWorkingTime(utc('2026-11-20T17:15:00Z'))).toBe(false); // Friday closes at 17:00
      expect(london.isWorkingTime(utc('2026-11-21T12:00:00Z'))).toBe(false); // Saturday
    });

    it('working hours are local: 09:00 BST is 08:00 UTC in summer', () => {
      expect(london.isWorkingTime(utc('2026-07-15T08:00:00Z'))).toBe(true);
      expect(london.isWorkingTime(utc('2026-07-15T07:59:59Z'))).toBe(false);
    });

    it('given a Saturday, the next working instant is Monday 09:00; inside hours it is the instant itself', () => {
      expect(london.nextWorkingInstant(utc('2026-11-21T12:00:00Z'))).toEqual(utc('2026-11-23T09:00:00Z'));
      expect(london.nextWorkingInstant(utc('2026-11-18T11:11:00Z'))).toEqual(utc('2026-11-18T11:11:00Z'));
      expect(london.nextWorkingInstant(utc('2026-11-18T06:00:00Z'))).toEqual(utc('2026-11-18T09:00:00Z'));
    });

    it('public holidays and closed dates are not business days', () => {
      expect(london.isBusinessDay(utc('2026-12-24T12:00:00Z'))).toBe(false); // closedDates
      expect(london.isBusinessDay(utc('2026-12-25T12:00:00Z'))).toBe(false); // Christmas Day
      expect(london.isBusinessDay(utc('2026-12-28T12:00:00Z'))).toBe(false); // Boxing Day (substitute day)
      expect(london.isBusinessDay(utc('2026-12-29T12:00:00Z'))).toBe(true);
      expect(london.isBusinessDay(utc('2026-03-15T12:00:00Z'))).toBe(false); // Sunday (Mother's Day is only an observance)
      expect(london.isBusinessDay(utc('2026-03-16T12:00:00Z'))).toBe(true);
    });
  });

  describe('addWorkingTime', () => {
    it('given Friday 16:30, when adding PT4H, then the half hour to the 17:00 close counts and it lands Monday 12:30', () => {
      expect(london.addWorkingTime(utc('2026-11-20T16:30:00Z'), 'PT4H')).toEqual(utc('2026-11-23T12:30:00Z'));
    });

    it('given Friday 16:30 BST before the clocks go back (25 Oct 2026), when adding PT4H, then Monday 12:30 GMT', () => {
      expect(london.addWorkingTime(utc('2026-10-23T15:30:00Z'), 'PT4H')).toEqual(utc('2026-10-26T12:30:00Z'));
    });

    it('given Friday 10:00 BST, when adding P1D across the BST→GMT change, then Monday 10:00 GMT (same wall time)', () => {
      expect(london.addWorkingTime(utc('2026-10-23T09:00:00Z'), 'P1D')).toEqual(utc('2026-10-26T10:00:00Z'));
    });

    it('given Friday 16:30 GMT before the clocks go forward (29 Mar 2026), when adding PT4H, then Monday 12:30 BST', () => {
      expect(london.addWorkingTime(utc('2026-03-27T16:30:00Z'), 'PT4H')).toEqual(utc('2026-03-30T11:30:00Z'));
    });

    it('given Friday 10:00 GMT, when adding P1D across the GMT→BST change, then Monday 10:00 BST', () => {
      expect(london.addWorkingTime(utc('2026-03-27T10:00:00Z'), 'P1D')).toEqual(utc('2026-03-30T09:00:00Z'));
    });

    it('given Wednesday 23 Dec 17:00, when adding PT1H, then it skips 24 Dec (closed), Christmas and the Boxing Day substitute', () => {
      expect(london.addWorkingTime(utc('2026-12-23T17:00:00Z'), 'PT1H')).toEqual(utc('2026-12-29T09:30:00Z'));
    });

    it("given Wednesday 30 Dec, when adding P1D, then it skips 31 Dec (closed) and New Year's Day", () => {
      expect(london.addWorkingTime(utc('2026-12-30T10:00:00Z'), 'P1D')).toEqual(utc('2027-01-04T10:00:00Z'));
    });

    it('given Maundy Thursday, when adding P1D, then Good Friday and Easter Monday are skipped', () => {
      expect(london.addWorkingTime(utc('2026-04-02T09:00:00Z'), 'P1D')).toEqual(utc('2026-04-07T09:00:00Z'));
    });

    it('given Thursday 17:15, when adding P1D, then Friday 17:15 is after the close so it is clamped to 17:00', () => {
      expect(london.addWorkingTime(utc('2026-11-19T17:15:00Z'), 'P1D')).toEqual(utc('2026-11-20T17:00:00Z'));
    });

    it('given Thursday 17:15, when adding P1DT1H, then the hour spills from the Friday close into Monday', () => {
      expect(london.addWorkingTime(utc('2026-11-19T17:15:00Z'), 'P1DT1H')).toEqual(utc('2026-11-23T10:00:00Z'));
    });

    it('given a Saturday, when adding PT1M or P1D, then counting starts at Monday 09:00', () => {
      expect(london.addWorkingTime(utc('2026-11-21T10:00:00Z'), 'PT1M')).toEqual(utc('2026-11-23T09:01:00Z'));
      expect(london.addWorkingTime(utc('2026-11-21T10:00:00Z'), 'P1D')).toEqual(utc('2026-11-24T09:00:00Z'));
    });

    it('given a deadline ending exactly at close, then the result is the close itself', () => {
      expect(london.addWorkingTime(utc('2026-11-16T09:00:00Z'), 'PT8H30M')).toEqual(utc('2026-11-16T17:30:00Z'));
    });

    it('given P1W, then it is five business days: the same weekday next week', () => {
      expect(london.addWorkingTime(utc('2026-11-18T10:00:00Z'), 'P1W')).toEqual(utc('2026-11-25T10:00:00Z'));
    });

    it('given months or years, then it refuses: they are not working time', () => {
      expect(() => london.addWorkingTime(utc('2026-11-18T10:00:00Z'), 'P1M')).toThrow(/months and years/);
      expect(() => london.addWorkingTime(utc('2026-11-18T10:00:00Z'), 'soon')).toThrow(/not an ISO 8601 duration/);
    });
  });

  describe('addBusinessDays and businessDaysBetween', () => {
    it('given Friday 11:00, when adding 3 business days, then Wednesday 11:00', () => {
      expect(london.addBusinessDays(utc('2026-11-20T11:00:00Z'), 3)).toEqual(utc('2026-11-25T11:00:00Z'));
      expect(london.addBusinessDays(utc('2026-11-21T11:00:00Z'), 0)).toEqual(utc('2026-11-23T09:00:00Z'));
    });

    it('counts the business days ending after the first instant and up to the second', () => {
      expect(london.businessDaysBetween(utc('2026-11-16T10:00:00Z'), utc('2026-11-18T15:00:00Z'))).toBe(2);
      expect(london.businessDaysBetween(utc('2026-11-16T10:00:00Z'), utc('2026-11-16T16:00:00Z'))).toBe(0);
      expect(london.businessDaysBetween(utc('2026-11-20T16:00:00Z'), utc('2026-11-23T09:30:00Z'))).toBe(1);
      expect(london.businessDaysBetween(utc('2026-12-23T10:00:00Z'), utc('2026-12-29T10:00:00Z'))).toBe(1);
      expect(london.businessDaysBetween(utc('2026-11-18T10:00:00Z'), utc('2026-11-16T10:00:00Z'))).toBe(0);
    });
  });

  describe('workingMillisBetween', () => {
    it('counts only working hours', () => {
      expect(london.workingMillisBetween(utc('2026-11-20T16:30:00Z'), utc('2026-11-23T12:30:00Z'))).toBe(4 * HOUR);
      expect(london.workingMillisBetween(utc('2026-11-21T00:00:00Z'), utc('2026-11-22T23:59:00Z'))).toBe(0);
      expect(london.workingMillisBetween(utc('2026-11-23T12:30:00Z'), utc('2026-11-20T16:30:00Z'))).toBe(0);
    });

    it('given a week spanning the BST→GMT change, then a full working week is 42 hours', () => {
      expect(london.workingMillisBetween(utc('2026-10-21T00:00:00Z'), utc('2026-10-28T00:00:00Z'))).toBe(42 * HOUR);
    });
  });

  describe('addCalendarTime', () => {
    it('given P56D from 1 March 10:00 GMT, then 26 April 10:00 BST (calendar days keep the local time)', () => {
      expect(london.addCalendarTime(utc('2026-03-01T10:00:00Z'), 'P56D')).toEqual(utc('2026-04-26T09:00:00Z'));
    });

    it('ignores working hours and holidays', () => {
      expect(london.addCalendarTime(utc('2026-12-24T20:00:00Z'), 'PT12H')).toEqual(utc('2026-12-25T08:00:00Z'));
    });
  });

  it('given an unknown time zone, then construction fails naming it', () => {
    expect(() => calendarFor({ timeZone: 'Mars/Olympus', workingHours: '24x7' })).toThrow(
      /calendar\.timeZone/,
    );
  });
});

describe('BusinessCalendar (24x7)', () => {
  it('every instant is working time and durations are clock time', () => {
    expect(allDay.isWorkingTime(utc('2026-12-25T03:00:00Z'))).toBe(true);
    expect(allDay.nextWorkingInstant(utc('2026-12-25T03:00:00Z'))).toEqual(utc('2026-12-25T03:00:00Z'));
    expect(allDay.addWorkingTime(utc('2026-11-21T10:00:00Z'), 'PT30S')).toEqual(utc('2026-11-21T10:00:30Z'));
    expect(allDay.addWorkingTime(utc('2026-11-21T10:00:00Z'), 'P1DT2H')).toEqual(utc('2026-11-22T12:00:00Z'));
    expect(allDay.addWorkingTime(utc('2026-11-21T10:00:00Z'), 'P1W')).toEqual(utc('2026-11-28T10:00:00Z'));
  });

  it('a day across the BST→GMT change is 24 elapsed hours of working time, but 25 hours of calendar time', () => {
    const saturdayNoonBst = utc('2026-10-24T11:00:00Z');
    expect(allDay.addWorkingTime(saturdayNoonBst, 'P1D')).toEqual(utc('2026-10-25T11:00:00Z'));
    expect(allDay.addCalendarTime(saturdayNoonBst, 'P1D')).toEqual(utc('2026-10-25T12:00:00Z'));
  });

  it('elapsed working time is the difference of instants', () => {
    expect(allDay.workingMillisBetween(utc('2026-11-21T10:00:00Z'), utc('2026-11-22T10:00:00Z'))).toBe(24 * HOUR);
    expect(allDay.businessDaysBetween(utc('2026-11-21T10:00:00Z'), utc('2026-11-23T01:00:00Z'))).toBe(2);
  });
});

describe('public holidays resolved ahead (as workflows get them)', () => {
  it('gives the same business days and deadlines as looking them up, day by day over two years', () => {
    // resolved a year beyond the days checked: a deadline from late December lands in January
    const resolved = BusinessCalendar.fromPolicy(londonSpec, new HolidayDates(publicHolidayDates(londonSpec.holidays!, 2026, 2028)));
    expect(publicHolidayDates(londonSpec.holidays!, 2026, 2026)).toEqual(
      expect.arrayContaining(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']),
    );
    let holidays = 0;
    for (let day = 0; day < 730; day++) {
      const noon = new Date(Date.UTC(2026, 0, 1 + day, 12));
      expect(resolved.isBusinessDay(noon)).toBe(london.isBusinessDay(noon));
      expect(resolved.addWorkingTime(noon, 'P5D')).toEqual(london.addWorkingTime(noon, 'P5D'));
      if (noon.getUTCDay() % 6 !== 0 && !london.isBusinessDay(noon)) holidays += 1;
    }
    expect(holidays).toBeGreaterThanOrEqual(16); // 8 English bank holidays a year, plus the two closed dates of 2026
  });

  it('refuses a calendar that names holidays without a way to know them', () => {
    expect(() => BusinessCalendar.fromPolicy(londonSpec)).toThrow(/public-holiday lookup/);
  });
});

describe('working days computed by arithmetic agree with luxon in every zone, DST changes included', () => {
  // Each day's opening and closing instants, as luxon computes them, against what the
  // calendar answers: opening is the next working instant from the local midnight, and a
  // full day's working time from the opening ends exactly at the closing.
  const zones = ['Europe/London', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Beirut', 'Pacific/Chatham'];
  it.each(zones)('%s, every day of 2026', (timeZone) => {
    const calendar = calendarFor({
      timeZone,
      workingHours: { mon: ['00:00', '24:00'], tue: ['01:30', '02:30'], wed: ['09:00', '17:30'], thu: ['23:00', '24:00'], fri: ['00:30', '12:00'] },
    });
    let checked = 0;
    for (let local = DateTime.fromObject({ year: 2026, month: 1, day: 1 }, { zone: timeZone }); local.year === 2026; local = local.plus({ days: 1 }).startOf('day')) {
      const hours = ({ 1: ['00:00', '24:00'], 2: ['01:30', '02:30'], 3: ['09:00', '17:30'], 4: ['23:00', '24:00'], 5: ['00:30', '12:00'] } as Record<number, [string, string]>)[local.weekday];
      if (!hours) continue;
      const at = (hhmm: string) => {
        const [h, m] = hhmm.split(':').map(Number);
        return h === 24 ? local.plus({ days: 1 }).startOf('day').toMillis() : local.set({ hour: h, minute: m }).toMillis();
      };
      const open = at(hours[0]);
      const close = at(hours[1]);
      if (close <= open) continue;
      expect(calendar.nextWorkingInstant(new Date(local.toMillis())).getTime()).toBe(open);
      expect(calendar.addWorkingMillis(new Date(open), close - open).getTime()).toBe(close);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(250);
  });
});

describe('bounded cost, whatever the dates', () => {
  it('refuses a computation that would walk further than any deadline can lie, instead of walking for seconds', () => {
    const from = utc('2026-11-24T10:00:00Z');
    expect(() => london.workingMillisBetween(from, utc('2526-11-24T10:00:00Z'))).toThrow(CalendarRangeError);
    expect(() => london.businessDaysBetween(from, utc('2126-11-24T10:00:00Z'))).toThrow(CalendarRangeError);
    expect(() => london.addWorkingMillis(from, 30 * 365 * 24 * HOUR)).toThrow(CalendarRangeError);
    // twenty years is inside the bound and answers
    expect(london.workingMillisBetween(from, utc('2046-11-24T10:00:00Z'))).toBeGreaterThan(4_500 * 8 * HOUR);
  });

  it('counts the years 0–99 as themselves, not as 1900–1999', () => {
    const calendar = calendarFor({ timeZone: 'UTC', workingHours: { mon: ['09:00', '17:00'] } });
    // 0050-06-01 was a Wednesday in the proleptic Gregorian calendar; 1950-06-01 was a Thursday
    expect(calendar.nextWorkingInstant(utc('0050-06-01T00:00:00Z')).toISOString()).toBe('0050-06-06T09:00:00.000Z');
    expect(calendar.nextWorkingInstant(utc('1950-06-01T00:00:00Z')).toISOString()).toBe('1950-06-05T09:00:00.000Z');
  });
});
