// A business calendar: when an organisation is working, in its own time zone, and
// arithmetic over that working time. Built from the policy's `calendar` section. All
// methods take and return UTC instants (JS Date) and never read the clock.
//
// Working time
//   A day is a *business day* when its weekday has opening hours and its local date is
//   neither a public holiday (date-holidays, type `public`, given by the calendar's
//   HolidayLookup: looked up, or resolved ahead for workflows) nor one of `closedDates`.
//   Working time is the union of the half-open intervals [open, close) of business days.
//   With `workingHours: "24x7"` every instant is working time, holidays and closed dates
//   are ignored, and working time is plain clock time.
//
// Working-time durations (addWorkingTime), e.g. a policy's `P1D` or `PT4H`:
//   1. Start at nextWorkingInstant(from): a complaint received at night starts counting
//      when the office opens.
//   2. The days part advances that many business days keeping the local time of day
//      (P1D from Tue 14:00 is Wed 14:00; from Fri 14:00 it is Mon 14:00 or later across
//      holidays). Weeks count as the calendar's working days per week (5 for Mon–Fri).
//      If that local time is not working time on the target day (shorter hours, or a
//      time skipped by a DST change), the result is clamped into the day: to its close
//      if later, to its opening if earlier.
//   3. The hours/minutes/seconds part then consumes working time, spilling over closes
//      into the next business day (Fri 16:30 + PT4H with a 17:00 close is Mon 12:30).
//   The result is always working time or exactly a close boundary (a deadline that
//   falls due at close of business is that close, not the next morning's opening).
//   Months and years are refused (not measurable as working time). In a 24x7 calendar
//   the duration is added as elapsed time: P1D = 24 hours, P1W = 7 days.
import { DateTime, Duration, IANAZone } from 'luxon';
import { OffsetCachingZone } from './offset-caching-zone';
import { minutesOfDay, WEEKDAYS } from './calendar-spec';
import type { CalendarSpec, OpeningHours } from './calendar-spec';
import { isoDurationProblem, parseWorkingDuration } from './working-duration';

const DAY_MS = 86_400_000;
/** How many consecutive years without working time make a calendar unusable. */
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const MAX_EMPTY_YEARS = 10;
/** quickIntervalOn cannot tell: the day is near a change of UTC offset */
const SLOW = Symbol('slow');
const MAX_EMPTY_MONTHS = MAX_EMPTY_YEARS * 12;
/**
 * The longest stretch one computation may walk: 25 years of months. Inputs are bounded far
 * below this (policy durations by two years, dates the API accepts by the case's
 * regulatory deadline), so reaching it is a bug; it fails at once instead of keeping a
 * workflow task busy for seconds.
 */
const MAX_SPAN_MONTHS = 25 * 12;

/** A computation would walk further than any deadline of the engine can lie. */
export class CalendarRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarRangeError';
  }
}

/** Opening and closing minutes after local midnight. */
interface DailyHours {
  readonly open: number;
  readonly close: number;
}

/** One business day's working interval [open, close), as epoch milliseconds. */
interface WorkingInterval {
  /** Local midnight starting the business day. */
  readonly day: number;
  readonly open: number;
  readonly close: number;
}

/**
 * Which local dates are public holidays. The calendar does not look them up itself: the
 * date-holidays library costs ~100 ms and megabytes to load, and a Temporal workflow loads
 * its modules afresh for every workflow (and every replay), so workflows get the dates
 * resolved ahead (`HolidayDates`) while other code uses the library (`calendarFor`).
 */
export interface HolidayLookup {
  isHoliday(isoDate: string): boolean;
}

/** Public holidays given as `YYYY-MM-DD` dates, resolved ahead. */
export class HolidayDates implements HolidayLookup {
  private readonly dates: ReadonlySet<string>;

  constructor(dates: readonly string[]) {
    this.dates = new Set(dates);
  }

  isHoliday(isoDate: string): boolean {
    return this.dates.has(isoDate);
  }
}

export class BusinessCalendar {
  private readonly zone: OffsetCachingZone;
  /** Indexed by ISO weekday (1 = Monday); undefined when the calendar is 24x7. */
  private readonly weekly: ReadonlyArray<DailyHours | undefined> | undefined;
  private readonly closedDates: ReadonlySet<string>;
  private readonly holidays: HolidayLookup | undefined;
  /**
   * Working intervals of each local month (keyed year * 12 + month - 1), in order, computed
   * on first use. A month, not a year: each day costs several time-zone conversions, and a
   * workflow builds its calendar afresh on its first task and on every replay.
   */
  private readonly intervalsByMonth = new Map<number, readonly WorkingInterval[]>();
  /** Business days in a week with no holidays: what `P1W` is worth. */
  readonly workingDaysPerWeek: number;

  private constructor(spec: CalendarSpec, holidays: HolidayLookup | undefined) {
    if (!IANAZone.isValidZone(spec.timeZone)) {
      throw new Error(`calendar.timeZone: unknown IANA time zone "${spec.timeZone}"`);
    }
    this.zone = new OffsetCachingZone(spec.timeZone);
    this.closedDates = new Set(spec.closedDates ?? []);
    if (spec.workingHours === '24x7') {
      this.weekly = undefined;
      this.holidays = undefined;
      this.workingDaysPerWeek = 7;
      return;
    }
    const weekly: Array<DailyHours | undefined> = [undefined];
    for (const key of WEEKDAYS) {
      const hours: OpeningHours | undefined = spec.workingHours[key];
      weekly.push(hours === undefined ? undefined : parseHours(key, hours));
    }
    this.weekly = weekly;
    this.workingDaysPerWeek = weekly.filter((h) => h !== undefined).length;
    if (this.workingDaysPerWeek === 0) throw new Error('calendar.workingHours: no working day in the week');
    if (spec.holidays && !holidays) {
      throw new Error('calendar.holidays: a public-holiday lookup is needed (calendarFor(spec), or the dates resolved ahead)');
    }
    this.holidays = spec.holidays ? holidays : undefined;
  }

  /** Builds a calendar from a validated policy `calendar` section. Cheap: working days are computed lazily per year. */
  static fromPolicy(spec: CalendarSpec, holidays?: HolidayLookup): BusinessCalendar {
    return new BusinessCalendar(spec, holidays);
  }

  /** The IANA time zone of the calendar. */
  get timeZone(): string {
    return this.zone.name;
  }

  /** True when working time is clock time. */
  get is24x7(): boolean {
    return this.weekly === undefined;
  }

  /** Whether `at` falls inside working hours of a business day (opening inclusive, close exclusive). */
  isWorkingTime(at: Date): boolean {
    const t = instant(at);
    if (this.is24x7) return true;
    return this.firstIntervalEndingAfter(t).open <= t;
  }

  /** Whether the local date of `at` is a business day (has working hours, not a holiday or closed date). */
  isBusinessDay(at: Date): boolean {
    if (this.is24x7) return true;
    const day = this.dayOf(instant(at)).toMillis();
    return this.intervalsOfMonth(this.monthOf(day)).some((interval) => interval.day === day);
  }

  /** `at` itself when it is working time, otherwise the next opening. */
  nextWorkingInstant(at: Date): Date {
    return new Date(this.nextWorkingMs(instant(at)));
  }

  /** `from` plus a working-time duration (see the header for the exact semantics). */
  addWorkingTime(from: Date, isoDuration: string): Date {
    const t = instant(from);
    const duration = parseWorkingDuration(isoDuration);
    if (this.is24x7) return new Date(t + (duration.weeks * 7 + duration.days) * DAY_MS + duration.millis);
    const afterDays = this.addBusinessDaysMs(t, duration.weeks * this.workingDaysPerWeek + duration.days);
    // A days-only duration may end clamped at a close: keep it there, not at the next opening.
    if (duration.millis === 0) return new Date(afterDays);
    return new Date(this.addWorkingMillisMs(afterDays, duration.millis));
  }

  /** `from` plus `millis` milliseconds of working time (starting at nextWorkingInstant(from)). */
  addWorkingMillis(from: Date, millis: number): Date {
    if (!Number.isFinite(millis) || millis < 0) throw new Error(`addWorkingMillis: invalid amount ${millis}`);
    const t = instant(from);
    if (this.is24x7) return new Date(t + millis);
    return new Date(this.addWorkingMillisMs(t, millis));
  }

  /**
   * `from` plus an ISO 8601 duration in plain calendar arithmetic in the calendar's zone
   * (for regulatory `counting: calendar`): days, weeks, months and years keep the local
   * time of day across DST changes, hours and smaller are elapsed time. Working hours,
   * holidays and closed dates play no part.
   */
  addCalendarTime(from: Date, isoDuration: string): Date {
    const problem = isoDurationProblem(isoDuration);
    if (problem) throw new Error(`calendar duration "${isoDuration}": ${problem}`);
    return DateTime.fromMillis(instant(from), { zone: this.zone }).plus(Duration.fromISO(isoDuration)).toJSDate();
  }

  /** `n` business days after nextWorkingInstant(from), at the same local time (clamped into the day). */
  addBusinessDays(from: Date, n: number): Date {
    if (!Number.isInteger(n) || n < 0) throw new Error(`addBusinessDays: n must be a whole number >= 0, got ${n}`);
    const t = instant(from);
    if (this.is24x7) return new Date(t + n * DAY_MS);
    return new Date(this.addBusinessDaysMs(t, n));
  }

  /**
   * How many business days end between `a` and `b`: the business days whose local date
   * is after a's local date and not after b's (so a complaint received on Monday and
   * resolved on Wednesday took 2 business days; the same day is 0). 0 when b <= a.
   */
  businessDaysBetween(a: Date, b: Date): number {
    const start = instant(a);
    const end = instant(b);
    if (end <= start) return 0;
    const firstDay = this.dayOf(start);
    const lastDay = this.dayOf(end);
    if (this.is24x7) return Math.round(lastDay.diff(firstDay, 'days').days);
    const after = firstDay.toMillis();
    const until = lastDay.toMillis();
    let count = 0;
    for (const interval of this.intervalsFrom(after)) {
      if (interval.day > until) break;
      if (interval.day > after) count++;
    }
    return count;
  }

  /** Working time elapsed from `a` to `b` in milliseconds; 0 when b <= a. In 24x7, b - a. */
  workingMillisBetween(a: Date, b: Date): number {
    const start = instant(a);
    const end = instant(b);
    if (end <= start) return 0;
    if (this.is24x7) return end - start;
    let total = 0;
    for (const interval of this.intervalsFrom(start)) {
      if (interval.open >= end) break;
      total += Math.min(end, interval.close) - Math.max(start, interval.open);
    }
    return total;
  }

  // ---- internals (epoch milliseconds; only called on non-24x7 calendars) ----

  private dayOf(t: number): DateTime {
    return DateTime.fromMillis(t, { zone: this.zone }).startOf('day');
  }

  /** The local month of t as year * 12 + month - 1. */
  private monthOf(t: number): number {
    const local = DateTime.fromMillis(t, { zone: this.zone });
    return local.year * 12 + local.month - 1;
  }

  /** The working intervals of the business days in a local month, in order. */
  private intervalsOfMonth(month: number): readonly WorkingInterval[] {
    let intervals = this.intervalsByMonth.get(month);
    if (intervals) return intervals;
    const list: WorkingInterval[] = [];
    const year = Math.floor(month / 12);
    const monthIndex = month % 12;
    const days = utcDay(year, monthIndex + 1, 0).getUTCDate();
    for (let day = 1; day <= days; day++) {
      const quick = this.quickIntervalOn(year, monthIndex, day);
      const interval = quick === SLOW ? this.intervalOn(DateTime.fromObject({ year, month: monthIndex + 1, day }, { zone: this.zone })) : quick;
      if (interval) list.push(interval);
    }
    intervals = list;
    this.intervalsByMonth.set(month, intervals);
    return intervals;
  }

  /**
   * The working interval of local date year-month-day by plain arithmetic, when the zone's
   * UTC offset is the same from 3 hours before that day to 3 hours after it (every day but
   * those around a DST change): then each local time of the day is exactly one instant, the
   * one luxon would give. Around a change it answers SLOW and `intervalOn` does it with luxon.
   * About ten times faster than luxon per day, which matters because a workflow builds its
   * calendar afresh on its first task and on every replay.
   */
  private quickIntervalOn(year: number, monthIndex: number, day: number): WorkingInterval | undefined | typeof SLOW {
    const hours = this.weekly?.[isoWeekday(year, monthIndex, day)];
    if (!hours) return undefined;
    const date = `${String(year).padStart(4, '0')}-${pad2(monthIndex + 1)}-${pad2(day)}`;
    if (this.closedDates.has(date) || this.holidays?.isHoliday(date)) return undefined;
    const localMidnight = utcDay(year, monthIndex, day).getTime();
    const offset = this.zone.offset(localMidnight) * MINUTE_MS;
    const start = localMidnight - offset;
    for (const probe of [start, start - 3 * HOUR_MS, start + 12 * HOUR_MS, start + 27 * HOUR_MS]) {
      if (this.zone.offset(probe) * MINUTE_MS !== offset) return SLOW;
    }
    const open = start + hours.open * MINUTE_MS;
    const close = start + Math.min(hours.close, 24 * 60) * MINUTE_MS;
    return close > open ? { day: start, open, close } : undefined;
  }

  /** The working interval of a local day, or undefined when it is not a business day. */
  private intervalOn(day: DateTime): WorkingInterval | undefined {
    const hours = this.weekly?.[day.weekday];
    if (!hours) return undefined;
    const date = day.toISODate() ?? '';
    if (this.closedDates.has(date) || this.holidays?.isHoliday(date)) return undefined;
    const open = atMinute(day, hours.open);
    const close = atMinute(day, hours.close);
    return close > open ? { day: day.toMillis(), open, close } : undefined;
  }

  /** The working intervals with close > t, in order, for as long as the caller reads. */
  private *intervalsFrom(t: number): Generator<WorkingInterval, never> {
    const first = this.monthOf(t);
    let month = first;
    let list = this.intervalsOfMonth(month);
    let index = firstClosingAfter(list, t);
    for (let emptyMonths = 0; ; ) {
      if (index < list.length) {
        emptyMonths = 0;
        yield list[index++] as WorkingInterval;
        continue;
      }
      if (++emptyMonths > MAX_EMPTY_MONTHS) {
        throw new Error(`calendar has no working time within ${MAX_EMPTY_YEARS} years of ${new Date(t).toISOString()}`);
      }
      if (++month - first > MAX_SPAN_MONTHS) {
        throw new CalendarRangeError(`a calendar computation from ${new Date(t).toISOString()} would walk more than ${MAX_SPAN_MONTHS / 12} years`);
      }
      list = this.intervalsOfMonth(month);
      index = 0;
    }
  }

  private firstIntervalEndingAfter(t: number): WorkingInterval {
    return this.intervalsFrom(t).next().value;
  }

  private nextWorkingMs(t: number): number {
    if (this.is24x7) return t;
    return Math.max(t, this.firstIntervalEndingAfter(t).open);
  }

  private addWorkingMillisMs(t: number, millis: number): number {
    let remaining = millis;
    let current = t;
    for (const interval of this.intervalsFrom(t)) {
      current = Math.max(current, interval.open);
      const available = interval.close - current;
      if (remaining <= available) return current + remaining;
      remaining -= available;
    }
    throw new Error('unreachable');
  }

  private addBusinessDaysMs(t: number, n: number): number {
    const start = this.nextWorkingMs(t);
    if (n === 0) return start;
    const local = DateTime.fromMillis(start, { zone: this.zone });
    let skipped = 0;
    for (const interval of this.intervalsFrom(start)) {
      // The first interval is the start's own day; the n-th after it is the target.
      if (skipped++ < n) continue;
      const target = DateTime.fromMillis(interval.day, { zone: this.zone })
        .set({ hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond })
        .toMillis();
      return Math.min(interval.close, Math.max(interval.open, target));
    }
    throw new Error('unreachable');
  }
}

/** Index of the first interval whose close is after t (binary search); list.length if none. */
function firstClosingAfter(list: readonly WorkingInterval[], t: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as WorkingInterval).close > t) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** ISO weekday (1 = Monday) of a calendar date. */
function isoWeekday(year: number, monthIndex: number, day: number): number {
  return utcDay(year, monthIndex, day).getUTCDay() || 7;
}

/** Midnight UTC of a calendar date, for every year (Date.UTC reads years 0–99 as 1900–1999). */
function utcDay(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function instant(at: Date): number {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new Error('business calendar: invalid Date');
  return t;
}

function nextDay(day: DateTime): DateTime {
  return day.plus({ days: 1 }).startOf('day');
}

/** The instant `minute` minutes of wall time after the local midnight of `day` (24:00 = next midnight). */
function atMinute(day: DateTime, minute: number): number {
  if (minute >= 24 * 60) return nextDay(day).toMillis();
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
}

function parseHours(key: string, [from, to]: OpeningHours): DailyHours {
  const open = minutesOfDay(from);
  const close = minutesOfDay(to);
  if (Number.isNaN(open) || Number.isNaN(close) || open >= close || open >= 24 * 60) {
    throw new Error(`calendar.workingHours.${key}: expected ["HH:MM","HH:MM"] with start before end`);
  }
  return { open, close };
}
