/**
 * Recording events wakes whoever follows a case live (the API's server-sent events): after
 * each statement that inserts events, one NOTIFY on `complaint_events` per stream with the
 * payload `<stream id> <highest stream position inserted>`. PostgreSQL delivers it when the
 * transaction commits (never for a rolled-back one). Small on purpose: a listener reads the
 * events after the last position it sent from the store, so a notification only says "look".
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventNotifications1763900000500 implements MigrationInterface {
  name = 'EventNotifications1763900000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_complaint_events() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        recorded record;
      BEGIN
        FOR recorded IN SELECT stream_id, max(stream_position) AS position FROM inserted_events GROUP BY stream_id LOOP
          PERFORM pg_notify('complaint_events', recorded.stream_id || ' ' || recorded.position);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER events_notify AFTER INSERT ON events
        REFERENCING NEW TABLE AS inserted_events
        FOR EACH STATEMENT EXECUTE FUNCTION notify_complaint_events()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER events_notify ON events`);
    await q.query(`DROP FUNCTION notify_complaint_events()`);
  }
}
