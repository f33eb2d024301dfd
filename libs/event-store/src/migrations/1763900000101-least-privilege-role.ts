/**
 * The application's least-privilege role, `complaints_app` (NOLOGIN): what the API and
 * the worker need and nothing more. Events, checkpoints and the access log get SELECT and
 * INSERT only, so UPDATE, DELETE and TRUNCATE of them are refused by the grants as well
 * as by the triggers; nothing gets TRUNCATE or DDL. Production runs the app as a LOGIN
 * role that is a member of it (README, "Audit"); migrations run as the schema's owner.
 *
 * Roles belong to the whole server, not one database. The role is created when missing
 * and the migrating user may create roles; otherwise (an owner without CREATEROLE) the
 * role must exist beforehand (deploy/postgres/initdb creates it) and only the grants run.
 * Every later migration that adds a table grants this role what it needs there.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export const APP_ROLE = 'complaints_app';

/** table → the privileges the application needs on it */
export const APP_GRANTS: Record<string, string> = {
  events: 'SELECT, INSERT',
  audit_access_log: 'SELECT, INSERT',
  audit_checkpoints: 'SELECT, INSERT',
  audit_checkpoint_heads: 'SELECT, INSERT',
  streams: 'SELECT, INSERT, UPDATE',
  complaint_cases: 'SELECT, INSERT, UPDATE, DELETE',
  outbox: 'SELECT, INSERT, UPDATE',
  idempotency_keys: 'SELECT, INSERT',
  principals: 'SELECT, INSERT, UPDATE',
  policies: 'SELECT, INSERT',
  schema_migrations: 'SELECT',
};

export class LeastPrivilegeRole1763900000101 implements MigrationInterface {
  name = 'LeastPrivilegeRole1763900000101';

  async up(q: QueryRunner): Promise<void> {
    const [{ exists, may_create }]: { exists: boolean; may_create: boolean }[] = await q.query(
      `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists,
              (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) AS may_create`,
      [APP_ROLE],
    );
    if (!exists && !may_create) {
      await q.query(`DO $$ BEGIN RAISE WARNING 'role ${APP_ROLE} does not exist and % may not create it: no grants applied', current_user; END $$`);
      return;
    }
    if (!exists) {
      // two databases of one server may migrate at once: the loser of the race finds the role made
      await q.query(`
        DO $$ BEGIN
          CREATE ROLE ${APP_ROLE} NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$`);
    }
    await q.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    for (const [table, privileges] of Object.entries(APP_GRANTS)) {
      await q.query(`REVOKE ALL ON ${table} FROM ${APP_ROLE}`);
      await q.query(`GRANT ${privileges} ON ${table} TO ${APP_ROLE}`);
    }
    await q.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const rows: unknown[] = await q.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (rows.length === 0) return;
    await q.query(`REVOKE ALL ON ${Object.keys(APP_GRANTS).join(', ')} FROM ${APP_ROLE}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${APP_ROLE}`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
  }
}
