/**
 * The viewer's wall clock and the API's instants. Date and `datetime-local` fields hold a
 * day or a time without a zone: they are read in the viewer's time zone (the browser's) and
 * sent as RFC 3339 instants, and instants are shown in them the same way.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-01T14:05:30" (viewer's zone) → "2026-12-01T13:05:30.000Z"; null when empty or not a time. */
export function localInputToInstant(value: string): string | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/** An instant → the `datetime-local` value showing it in the viewer's zone (to the second, or the minute). */
export function instantToLocalInput(instant: string | number, precision: 'second' | 'minute' = 'second'): string {
  const time = new Date(instant);
  const minute = `${localDay(time.getTime())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
  return precision === 'minute' ? minute : `${minute}:${pad(time.getSeconds())}`;
}

/** A date field's `YYYY-MM-DD` (a day in the viewer's zone) → the instant that day starts there, `plusDays` later; undefined when not a day. */
export function dayStartInstant(day: string | null, plusDays = 0): string | undefined {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays).toISOString();
}

/** The viewer's day of an instant, as a date field's `YYYY-MM-DD`. */
export function localDay(time: number): string {
  const at = new Date(time);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
