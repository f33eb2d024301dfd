/**
 * The period of a regulator's complaints return: a half year, `YYYYH1` (1 January to
 * 30 June) or `YYYYH2` (1 July to 31 December), from midnight to midnight in the policy's
 * time zone, as the half-open window [from, to) of UTC instants the report tables are read over.
 */
import { DateTime } from 'luxon';

export const RETURN_PERIOD_PATTERN = /^([12]\d{3})H([12])$/;

export interface ReturnPeriod {
  period: string;
  from: string;
  to: string;
}

/** The window of a period written as RETURN_PERIOD_PATTERN says (anything else is a programming error: validate first). */
export function returnPeriod(period: string, timeZone: string): ReturnPeriod {
  const match = RETURN_PERIOD_PATTERN.exec(period);
  if (!match) throw new Error(`not a return period (YYYYH1 or YYYYH2): "${period}"`);
  const start = DateTime.fromObject({ year: Number(match[1]), month: match[2] === '1' ? 1 : 7, day: 1 }, { zone: timeZone });
  const utc = (at: DateTime) => at.toUTC().toISO({ suppressMilliseconds: false })!;
  return { period, from: utc(start), to: utc(start.plus({ months: 6 })) };
}
