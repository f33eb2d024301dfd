/**
 * Recording events NOTIFYs only for the streams someone follows live. A NOTIFY is not free:
 * PostgreSQL queues notifications at commit under one lock for the whole database, so every
 * notifying commit waits for the others (measured: appends of one event 22% slower when each
 * notified; BENCHMARKS.md, issue 17). API processes list here the streams their server-sent
 * event streams follow (`followed_streams`, unlogged: it is state of running processes, not
 * data, and a crash of the database may empty it), refreshing `seen_at` while they follow; a
 * row not refreshed for two minutes (its process died) no longer counts, and is deleted later.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1763900000101-least-privilege-role';

const NOTIFY = (onlyFollowed: boolean) => `
  CREATE OR REPLACE FUNCTION notify_complaint_events() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    recorded record;
  BEGIN
    FOR recorded IN SELECT i.stream_id, max(i.stream_position) AS position FROM inserted_events i
                    ${onlyFollowed ? `WHERE EXISTS (SELECT 1 FROM followed_streams f
                                    WHERE f.stream_id = i.stream_id AND f.seen_at > now() - interval '2 minutes')` : ''}
                    GROUP BY i.stream_id LOOP
      PERFORM pg_notify('complaint_events', recorded.stream_id || ' ' || recorded.position);
    END LOOP;
    RETURN NULL;
  END $$`;

export class FollowedStreams1763900000900 implements MigrationInterface {
  name = 'FollowedStreams1763900000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE followed_streams (
        stream_id text NOT NULL,
        follower  uuid NOT NULL,
        seen_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, follower)
      )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON followed_streams TO ${APP_ROLE}`);
    await q.query(NOTIFY(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(NOTIFY(false));
    await q.query(`DROP TABLE followed_streams`);
  }
}
