// Public holidays of one country/state/region, from the date-holidays library (pure
// data and rules, no I/O). Only holidays of type `public` close the office; observances,
// bank and optional holidays do not. Lookups are cached per year.
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { BusinessCalendar, type HolidayLookup } from './business-calendar';
import type { CalendarSpec, HolidayRegion } from './calendar-spec';

/** The business calendar of a policy `calendar` section, public holidays looked up as needed. */
export function calendarFor(spec: CalendarSpec): BusinessCalendar {
  return BusinessCalendar.fromPolicy(spec, spec.holidays ? new PublicHolidays(spec.holidays) : undefined);
}

/** The public-holiday dates (`YYYY-MM-DD`) of the years `fromYear`..`toYear`, in order. */
export function publicHolidayDates(region: HolidayRegion, fromYear: number, toYear: number): string[] {
  const holidays = new PublicHolidays(region);
  const dates: string[] = [];
  for (let year = fromYear; year <= toYear; year++) dates.push(...[...holidays.datesIn(year)].sort());
  return dates;
}

export class PublicHolidays implements HolidayLookup {
  private library: Holidays | undefined;
  private readonly byYear = new Map<number, ReadonlySet<string>>();

  constructor(private readonly region: HolidayRegion) {}

  /** Whether the local date `YYYY-MM-DD` is (part of) a public holiday. */
  isHoliday(isoDate: string): boolean {
    return this.datesIn(Number(isoDate.slice(0, 4))).has(isoDate);
  }

  /** The public-holiday dates (`YYYY-MM-DD`) of a year. */
  datesIn(year: number): ReadonlySet<string> {
    let dates = this.byYear.get(year);
    if (!dates) {
      dates = this.load(year);
      this.byYear.set(year, dates);
    }
    return dates;
  }

  private load(year: number): ReadonlySet<string> {
    this.library ??= new Holidays({ ...this.region });
    const dates = new Set<string>();
    for (const holiday of this.library.getHolidays(year)) {
      if (holiday.type !== 'public') continue;
      const first = DateTime.fromISO(holiday.date.slice(0, 10), { zone: 'UTC' });
      // A holiday may span several days (start/end are instants); count every date it touches.
      const spanDays = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 86_400_000));
      for (let i = 0; i < spanDays; i++) {
        const date = first.plus({ days: i }).toISODate();
        if (date) dates.add(date);
      }
    }
    return dates;
  }
}

/** Why the region is unknown to date-holidays; undefined if it is known. */
export function holidayRegionProblem(region: HolidayRegion): { field: keyof HolidayRegion; message: string } | undefined {
  const library = new Holidays();
  const countries = library.getCountries() ?? {};
  if (!(region.country in countries)) {
    return { field: 'country', message: `unknown holiday country "${region.country}" (ISO 3166-1 alpha-2, e.g. GB)` };
  }
  if (region.state !== undefined) {
    const states = library.getStates(region.country) ?? {};
    if (!(region.state in states)) {
      const known = Object.keys(states).join(', ') || 'none';
      return { field: 'state', message: `unknown state "${region.state}" for ${region.country} (known: ${known})` };
    }
  }
  if (region.region !== undefined) {
    if (region.state === undefined) return { field: 'region', message: 'a region needs a state' };
    const regions = library.getRegions(region.country, region.state) ?? {};
    if (!(region.region in regions)) {
      const known = Object.keys(regions).join(', ') || 'none';
      return {
        field: 'region',
        message: `unknown region "${region.region}" for ${region.country}/${region.state} (known: ${known})`,
      };
    }
  }
  return undefined;
}
