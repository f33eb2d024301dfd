/**
 * API keys managed at run time (POST / DELETE /v1/admin/api-keys): the append-only log of
 * who created, rotated or deleted which principal's key, when (never the secret), refused
 * UPDATE, DELETE and TRUNCATE by trigger and by grants like the audit trail; and the
 * application may now delete a principal.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1763900000101-least-privilege-role';

export class AdminLog1763900001300 implements MigrationInterface {
  name = 'AdminLog1763900001300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE admin_log (
        id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at        timestamptz NOT NULL DEFAULT now(),
        actor     text NOT NULL,
        action    text NOT NULL CHECK (action IN ('api-key-created', 'api-key-rotated', 'api-key-deleted')),
        principal text NOT NULL,
        role      text
      )`);
    await q.query(`CREATE INDEX admin_log_principal ON admin_log (principal, at)`);
    await q.query(`
      CREATE TRIGGER admin_log_append_only BEFORE UPDATE OR DELETE ON admin_log
        FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`
      CREATE TRIGGER admin_log_no_truncate BEFORE TRUNCATE ON admin_log
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`GRANT SELECT, INSERT ON admin_log TO ${APP_ROLE}`);
    await q.query(`GRANT DELETE ON principals TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE DELETE ON principals FROM ${APP_ROLE}`);
    await q.query(`DROP TABLE admin_log`);
  }
}
