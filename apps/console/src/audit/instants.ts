/**
 * A `datetime-local` field's value is a wall-clock time without a zone: it is read in the
 * viewer's time zone (the browser's) and sent as an RFC 3339 instant.
 */

/** "2026-12-01T14:05:30" (viewer's zone) → "2026-12-01T13:05:30.000Z"; null when empty or not a time. */
export function localInputToInstant(value: string): string | null {
  if (!value) return null;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/** An instant → the `datetime-local` value showing it in the viewer's zone, to the second. */
export function instantToLocalInput(instant: string | number): string {
  const time = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}` +
    `T${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}`
  );
}
