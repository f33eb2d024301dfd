/**
 * The case list's `ownerKind` filter: cases still waiting in a category queue (`owner LIKE
 * 'queue:%'`) and cases a person owns, each newest first with the id as tie-breaker, as
 * partial indexes (a btree on owner cannot serve a LIKE prefix under a non-C collation).
 * The `reference` filter uses the unique index of the reference.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CaseListOwnerKind1763900000600 implements MigrationInterface {
  name = 'CaseListOwnerKind1763900000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX complaint_cases_queue_owned ON complaint_cases (received_at DESC, id DESC) WHERE owner LIKE 'queue:%'`);
    await q.query(`CREATE INDEX complaint_cases_person_owned ON complaint_cases (received_at DESC, id DESC) WHERE owner NOT LIKE 'queue:%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX complaint_cases_person_owned, complaint_cases_queue_owned`);
  }
}
