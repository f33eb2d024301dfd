/**
 * The case list: a `breached` flag (some promise to the customer was broken), the
 * possible duplicate found at intake, and indexes for the list's filters, newest first
 * with the id as tie-breaker for cursor pagination.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseList1763900000200 implements MigrationInterface {
  name = 'CaseList1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint_cases ADD COLUMN breached boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE complaint_cases ADD COLUMN possible_duplicate_of uuid`);
    await q.query(`CREATE INDEX complaint_cases_duplicates ON complaint_cases (possible_duplicate_of) WHERE possible_duplicate_of IS NOT NULL`);
    await q.query(`CREATE INDEX complaint_cases_list ON complaint_cases (received_at DESC, id DESC)`);
    await q.query(`CREATE INDEX complaint_cases_breached ON complaint_cases (received_at DESC, id DESC) WHERE breached`);
    await q.query(`CREATE INDEX complaint_cases_segment ON complaint_cases (segment, received_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX complaint_cases_segment, complaint_cases_breached, complaint_cases_list, complaint_cases_duplicates`);
    await q.query(`ALTER TABLE complaint_cases DROP COLUMN breached, DROP COLUMN possible_duplicate_of`);
  }
}
