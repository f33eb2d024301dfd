/**
 * The NOTIFY that recording events sends (migration 1763900000500): channel and payload,
 * read in one place by whoever LISTENs.
 */
export const COMPLAINT_EVENTS_CHANNEL = 'complaint_events';

export interface EventNotification {
  streamId: string;
  /** the highest stream position the notifying transaction recorded */
  position: number;
}

/** The payload `<stream id> <position>`, or null when it is not one. */
export function parseEventNotification(payload: string | undefined): EventNotification | null {
  const match = /^(\S+) (\d+)$/.exec(payload ?? '');
  return match ? { streamId: match[1], position: Number(match[2]) } : null;
}
