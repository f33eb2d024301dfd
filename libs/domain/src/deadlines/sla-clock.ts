/**
 * The two clocks of a case. The internal SLA clock stands still while the case waits on
 * the customer (an open information request): an SLA deadline moves later by the working
 * time it stood still. The regulatory clock never stops (finalResponseBy never moves).
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { ComplaintState } from '../case/complaint-state';

/**
 * An SLA deadline as it stands after the pauses so far; null while the clock is paused
 * (nothing internal can fall due while the case waits on the customer).
 */
export function slaDeadline(state: ComplaintState, deadline: string, calendar: BusinessCalendar): Date | null {
  if (state.clocks.slaPausedSince) return null;
  return calendar.addWorkingMillis(new Date(deadline), state.clocks.slaPausedMs);
}
