/**
 * Compensation proposals as a read model: the approvals inbox (pending, oldest first) and
 * a customer's compensation history over the last months, without replaying any case.
 * Written only inside the append transaction, like the case projection.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1763900000101-least-privilege-role';

export class CompensationProposals1763900000300 implements MigrationInterface {
  name = 'CompensationProposals1763900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE compensation_proposals (
        proposal_id     uuid PRIMARY KEY,
        complaint_id    uuid NOT NULL REFERENCES complaint_cases (id),
        customer_id     text NOT NULL,
        type            text NOT NULL,
        amount_minor    bigint NOT NULL CHECK (amount_minor >= 0),
        currency        char(3) NOT NULL,
        goodwill        boolean NOT NULL,
        status          text NOT NULL,
        proposed_by     text NOT NULL,
        proposed_at     timestamptz NOT NULL,
        required_role   text NOT NULL,
        rung            integer NOT NULL,
        approval_due_by timestamptz,
        decided_by      text,
        decided_at      timestamptz
      )`);
    await q.query(
      `CREATE INDEX compensation_pending ON compensation_proposals (proposed_at, proposal_id) WHERE status = 'pending_approval'`,
    );
    await q.query(`CREATE INDEX compensation_customer ON compensation_proposals (customer_id, proposed_at)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE ON compensation_proposals TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE compensation_proposals`);
  }
}
