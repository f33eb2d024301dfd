/** The dashboard reads events of a few types over a time window: an index by (type, occurred_at). */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventsByType1763900000700 implements MigrationInterface {
  name = 'EventsByType1763900000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX events_type_occurred ON events (type, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX events_type_occurred`);
  }
}
