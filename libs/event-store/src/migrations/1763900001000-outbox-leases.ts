/**
 * Outbox rows are claimed with a lease instead of a row lock held through delivery: a
 * relay marks the rows it takes (`lease_token`, `leased_until`) in one short statement,
 * delivers with no transaction open, then records each outcome only where the lease is
 * still its own. A row whose lease ran out (its relay crashed or stalled) is due again for
 * any relay. Existing rows have no lease, so they are claimable as before.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxLeases1763900001000 implements MigrationInterface {
  name = 'OutboxLeases1763900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN lease_token uuid, ADD COLUMN leased_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN lease_token, DROP COLUMN leased_until`);
  }
}
