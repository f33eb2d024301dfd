/**
 * A row per final response (ResolutionIssued) in the report read model: a reopened case
 * answers again, with its own outcome and root cause, and the root-causes report counts
 * responses. The report tables are emptied and the projector's checkpoint moved back to the
 * start of the store, so the projector folds every event again and fills the new table
 * from the responses already recorded (what `resetReportTables` does, in this migration's
 * transaction).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1763900000101-least-privilege-role';

export class ReportResponses1763900001500 implements MigrationInterface {
  name = 'ReportResponses1763900001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_responses (
        case_id       text NOT NULL,
        resolution_id text NOT NULL,
        category      text NOT NULL,
        issued_at     timestamptz NOT NULL,
        outcome       text NOT NULL,
        root_cause    text,
        PRIMARY KEY (case_id, resolution_id)
      )`);
    await q.query(`CREATE INDEX report_responses_issued ON report_responses (issued_at)`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON report_responses TO ${APP_ROLE}`);
    await q.query(`DELETE FROM report_compensation`);
    await q.query(`DELETE FROM report_promises`);
    await q.query(`DELETE FROM report_cases`);
    await q.query(`UPDATE report_checkpoint SET transaction_id = '0', global_position = 0, max_position = 0, events = 0, updated_at = now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_responses`);
  }
}
