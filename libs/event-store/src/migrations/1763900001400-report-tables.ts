/**
 * The report read model (libs/domain/src/reports/report-rows.ts): a row per case, per
 * promise and per compensation proposal, folded from the events in global order by the
 * report projector, and the projector's checkpoint, written in the same transaction as the
 * rows. Not an audit table: a rebuild empties and refills it from the events.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1763900000101-least-privilege-role';

export class ReportTables1763900001400 implements MigrationInterface {
  name = 'ReportTables1763900001400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_cases (
        case_id           text PRIMARY KEY,
        reference         text NOT NULL,
        category          text NOT NULL,
        channel           text NOT NULL,
        segment           text,
        language          text,
        severity          text,
        policy_version    text NOT NULL,
        received_at       timestamptz NOT NULL,
        acknowledged_at   timestamptz,
        first_contact_at  timestamptz,
        final_response_at timestamptz,
        outcome           text,
        root_cause        text,
        closed_at         timestamptz,
        closure           text,
        reopens           integer NOT NULL,
        escalations       integer NOT NULL,
        owner             text,
        team              text
      )`);
    await q.query(`CREATE INDEX report_cases_received ON report_cases (received_at)`);
    await q.query(`CREATE INDEX report_cases_closed ON report_cases (closed_at) WHERE closed_at IS NOT NULL`);
    await q.query(`CREATE INDEX report_cases_resolved ON report_cases (final_response_at) WHERE final_response_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE report_promises (
        case_id       text NOT NULL,
        promise_id    text NOT NULL,
        kind          text NOT NULL,
        made_at       timestamptz NOT NULL,
        due_by        timestamptz NOT NULL,
        owner         text,
        team          text,
        category      text NOT NULL,
        revisions     integer NOT NULL,
        status        text NOT NULL CHECK (status IN ('open', 'kept', 'broken')),
        settled_at    timestamptz,
        broken_reason text,
        PRIMARY KEY (case_id, promise_id)
      )`);
    await q.query(`CREATE INDEX report_promises_made ON report_promises (made_at)`);
    await q.query(`
      CREATE TABLE report_compensation (
        case_id           text NOT NULL,
        proposal_id       text NOT NULL,
        compensation_type text NOT NULL,
        currency          text NOT NULL,
        minor             bigint NOT NULL,
        proposed_at       timestamptz NOT NULL,
        status            text NOT NULL CHECK (status IN ('pending_approval', 'approved', 'rejected')),
        decided_at        timestamptz,
        PRIMARY KEY (case_id, proposal_id)
      )`);
    await q.query(`CREATE INDEX report_compensation_decided ON report_compensation (decided_at) WHERE status = 'approved'`);
    await q.query(`
      CREATE TABLE report_checkpoint (
        singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        transaction_id  xid8 NOT NULL,
        global_position bigint NOT NULL,
        max_position    bigint NOT NULL,
        events          bigint NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    await q.query(`INSERT INTO report_checkpoint VALUES (true, '0', 0, 0, 0, now())`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON report_cases, report_promises, report_compensation TO ${APP_ROLE}`);
    await q.query(`GRANT SELECT, UPDATE ON report_checkpoint TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_checkpoint, report_compensation, report_promises, report_cases`);
  }
}
