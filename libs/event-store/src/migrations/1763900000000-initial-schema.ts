/**
 * The first schema: the event store (streams, events), the case projection, the outbox,
 * idempotency keys, principals and registered policies. Shipped migrations are frozen:
 * change the schema with a new migration, never by editing this one.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763900000000 implements MigrationInterface {
  name = 'InitialSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE streams (
        stream_id   text PRIMARY KEY,
        stream_type text NOT NULL,
        version     integer NOT NULL CHECK (version >= 0),
        head_hash   char(64) NOT NULL,
        created_at  timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text NOT NULL REFERENCES streams (stream_id),
        stream_position integer NOT NULL CHECK (stream_position >= 1),
        event_id        uuid NOT NULL,
        type            text NOT NULL,
        schema_version  integer NOT NULL,
        data            jsonb NOT NULL,
        actor           jsonb NOT NULL,
        occurred_at     timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL,
        canonical       text NOT NULL,
        hash            char(64) NOT NULL,
        previous_hash   char(64) NOT NULL,
        CONSTRAINT events_stream_position_unique UNIQUE (stream_id, stream_position),
        CONSTRAINT events_event_id_unique UNIQUE (event_id)
      )`);
    await q.query(`CREATE INDEX events_transaction_order ON events (transaction_id, global_position)`);
    await q.query(`
      CREATE FUNCTION refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the event store is append-only: % on events is refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION refuse_event_change()`);
    await q.query(`
      CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_change()`);

    await q.query(`
      CREATE TABLE complaint_cases (
        id                     uuid PRIMARY KEY,
        reference              text NOT NULL UNIQUE,
        stream_id              text NOT NULL UNIQUE REFERENCES streams (stream_id),
        status                 text NOT NULL,
        closure                text,
        severity               text NOT NULL,
        category               text NOT NULL,
        channel                text NOT NULL,
        owner                  text NOT NULL,
        customer_id            text NOT NULL,
        segment                text,
        escalation_level       integer NOT NULL,
        filed_by               text NOT NULL,
        promised_resolution_by timestamptz,
        received_at            timestamptz NOT NULL,
        updated_at             timestamptz NOT NULL,
        version                integer NOT NULL,
        state                  jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX complaint_cases_status ON complaint_cases (status, received_at, id)`);
    await q.query(`CREATE INDEX complaint_cases_owner ON complaint_cases (owner, received_at, id)`);
    await q.query(`CREATE INDEX complaint_cases_customer ON complaint_cases (customer_id, category)`);
    await q.query(`CREATE INDEX complaint_cases_received ON complaint_cases (received_at, id)`);
    await q.query(`CREATE SEQUENCE complaint_reference_seq`);

    await q.query(`
      CREATE TABLE outbox (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind         text NOT NULL,
        topic        text NOT NULL,
        stream_id    text NOT NULL,
        payload      jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        attempts     integer NOT NULL DEFAULT 0,
        last_error   text,
        processed_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (topic, available_at, id) WHERE processed_at IS NULL`);
    await q.query(`
      CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
        FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox()`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        principal    text NOT NULL,
        key          text NOT NULL,
        request_hash char(64) NOT NULL,
        complaint_id uuid NOT NULL,
        created_at   timestamptz NOT NULL,
        PRIMARY KEY (principal, key)
      )`);
    await q.query(`
      CREATE TABLE principals (
        id          text PRIMARY KEY,
        role        text NOT NULL,
        secret_hash char(64) NOT NULL UNIQUE,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE policies (
        version       text PRIMARY KEY,
        fingerprint   char(64) NOT NULL,
        document      jsonb NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE policies, principals, idempotency_keys, outbox, complaint_cases`);
    await q.query(`DROP SEQUENCE complaint_reference_seq`);
    await q.query(`DROP FUNCTION notify_outbox() CASCADE`);
    await q.query(`DROP TRIGGER events_no_truncate ON events`);
    await q.query(`DROP TRIGGER events_append_only ON events`);
    await q.query(`DROP TABLE events, streams`);
    await q.query(`DROP FUNCTION refuse_event_change()`);
  }
}
