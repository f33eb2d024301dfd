// The shape a BusinessCalendar is built from: the policy file's `calendar` section,
// already validated (see policy/policy-schema.ts). Kept here as plain types so the
// calendar does not depend on the policy module.

/** Weekday keys in ISO order: index + 1 is the ISO weekday number (1 = Monday). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/** Local opening and closing time of one day, `["HH:MM", "HH:MM"]`; close may be "24:00". */
export type OpeningHours = readonly [string, string];

/** `"24x7"` (working time is clock time) or opening hours per weekday; absent days are closed. */
export type WorkingHoursSpec = '24x7' | Partial<Record<Weekday, OpeningHours>>;

/** Where public holidays come from (a date-holidays country, optional state and region). */
export interface HolidayRegion {
  readonly country: string;
  readonly state?: string;
  readonly region?: string;
}

export interface CalendarSpec {
  /** IANA time zone the working hours and dates are expressed in. */
  readonly timeZone: string;
  readonly workingHours: WorkingHoursSpec;
  readonly holidays?: HolidayRegion;
  /** Extra closed local dates, `YYYY-MM-DD`. */
  readonly closedDates?: readonly string[];
}

/** Minutes after local midnight of an `HH:MM` time (00:00..24:00); NaN if malformed. */
export function minutesOfDay(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) return Number.NaN;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return Number.NaN;
  return hours * 60 + minutes;
}
