/**
 * The NOTIFY that recording events sends (migration 1763900000500): channel and payload,
 * read in one place by whoever LISTENs; and the list of followed streams it is sent for
 * (migration 1763900000900): a process that follows a stream says so, keeps saying so, and
 * stops when it is done.
 */
import type { EntityManager } from 'typeorm';

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

/** `follower` (one process) follows `streamId` live: its commits NOTIFY from now on. */
export async function followStream(db: EntityManager, streamId: string, follower: string): Promise<void> {
  await db.query(
    `INSERT INTO followed_streams (stream_id, follower) VALUES ($1, $2)
     ON CONFLICT (stream_id, follower) DO UPDATE SET seen_at = now()`,
    [streamId, follower],
  );
}

export async function unfollowStream(db: EntityManager, streamId: string, follower: string): Promise<void> {
  await db.query('DELETE FROM followed_streams WHERE stream_id = $1 AND follower = $2', [streamId, follower]);
}

/**
 * `follower` is still alive and following what it listed (a row unrefreshed for two minutes
 * stops counting); rows of processes gone for ten minutes are deleted.
 */
export async function refreshFollowedStreams(db: EntityManager, follower: string): Promise<void> {
  await db.query('UPDATE followed_streams SET seen_at = now() WHERE follower = $1', [follower]);
  await db.query(`DELETE FROM followed_streams WHERE seen_at < now() - interval '10 minutes'`);
}

/** Everything `follower` follows, when it stops (shutdown). */
export async function unfollowAll(db: EntityManager, follower: string): Promise<void> {
  await db.query('DELETE FROM followed_streams WHERE follower = $1', [follower]);
}
