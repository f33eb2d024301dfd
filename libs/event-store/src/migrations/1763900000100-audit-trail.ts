/**
 * The audit trail: signed checkpoints of every stream head (with the heads they cover)
 * and the log of auditors' reads. All three tables are append-only by trigger, like the
 * events table (and by grants: see the next migration).
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = ['audit_checkpoints', 'audit_checkpoint_heads', 'audit_access_log'];

export class AuditTrail1763900000100 implements MigrationInterface {
  name = 'AuditTrail1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_checkpoints (
        id           uuid PRIMARY KEY,
        created_at   timestamptz NOT NULL,
        root         char(64) NOT NULL,
        stream_count integer NOT NULL CHECK (stream_count >= 0),
        signature    text NOT NULL,
        public_key   text NOT NULL,
        created_by   text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_checkpoints_latest ON audit_checkpoints (created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE audit_checkpoint_heads (
        checkpoint_id uuid NOT NULL REFERENCES audit_checkpoints (id),
        stream_id     text NOT NULL,
        version       integer NOT NULL CHECK (version >= 1),
        head_hash     char(64) NOT NULL,
        PRIMARY KEY (checkpoint_id, stream_id)
      )`);
    await q.query(`
      CREATE TABLE audit_access_log (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at           timestamptz NOT NULL DEFAULT now(),
        principal    text NOT NULL,
        role         text NOT NULL,
        method       text NOT NULL,
        route        text NOT NULL,
        path         text NOT NULL,
        complaint_id text
      )`);
    await q.query(`CREATE INDEX audit_access_log_principal ON audit_access_log (principal, at)`);
    await q.query(`
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of APPEND_ONLY) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`);
      await q.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_access_log, audit_checkpoint_heads, audit_checkpoints`);
    await q.query(`DROP FUNCTION refuse_audit_change()`);
  }
}
