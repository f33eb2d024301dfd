// An ISO 8601 duration read as an amount of *working time* (see business-calendar.ts):
// whole business days (days, plus weeks counted as working weeks) and a clock part
// (hours, minutes, seconds) consumed inside working hours. Months and years have no
// meaning as working time and are refused, as are negative or fractional days.
import { Duration } from 'luxon';

export interface WorkingDuration {
  /** Whole weeks (`PnW`); a calendar turns these into its own number of working days per week. */
  readonly weeks: number;
  /** Whole days (`PnD`): one day = one business day. */
  readonly days: number;
  /** Hours, minutes, seconds and milliseconds, in milliseconds of working time. */
  readonly millis: number;
}

/**
 * The longest duration a policy may name: two years. Every deadline is computed from one,
 * so this bounds what any calendar computation of the engine can cost.
 */
export const MAX_DURATION_DAYS = 731;

/** Why `iso` is not a syntactically valid, non-negative ISO 8601 duration of at most two years; undefined if it is. */
export function isoDurationProblem(iso: string): string | undefined {
  const duration = Duration.fromISO(iso);
  const valid = duration.isValid && /^P/.test(iso) && /\d/.test(iso) && !iso.includes('-') && !iso.endsWith('T');
  if (!valid) return 'not an ISO 8601 duration';
  // a year counts as 365.25 days, a month as a twelfth of that
  const days = duration.years * 365.25 + duration.quarters * 91.3125 + duration.months * 30.4375 + duration.weeks * 7 + duration.days +
    Duration.fromObject({ hours: duration.hours, minutes: duration.minutes, seconds: duration.seconds, milliseconds: duration.milliseconds }).as('days');
  return days > MAX_DURATION_DAYS ? `longer than ${MAX_DURATION_DAYS} days (two years), the longest deadline the engine computes` : undefined;
}

/** Why `iso` cannot be measured as working time; undefined if it can. */
export function workingDurationProblem(iso: string): string | undefined {
  const syntax = isoDurationProblem(iso);
  if (syntax) return syntax;
  const d = Duration.fromISO(iso);
  if (d.years !== 0 || d.quarters !== 0 || d.months !== 0) {
    return 'months and years cannot be measured in working time (use days PnD or weeks PnW)';
  }
  if (!Number.isInteger(d.weeks) || !Number.isInteger(d.days)) {
    return 'days and weeks must be whole numbers in a working-time duration';
  }
  return undefined;
}

/** Splits a working-time duration; throws an Error naming the problem if it has none. */
export function parseWorkingDuration(iso: string): WorkingDuration {
  const problem = workingDurationProblem(iso);
  if (problem) throw new Error(`working-time duration "${iso}": ${problem}`);
  const d = Duration.fromISO(iso);
  const millis = Duration.fromObject({
    hours: d.hours,
    minutes: d.minutes,
    seconds: d.seconds,
    milliseconds: d.milliseconds,
  }).as('milliseconds');
  return { weeks: d.weeks, days: d.days, millis: Math.round(millis) };
}
