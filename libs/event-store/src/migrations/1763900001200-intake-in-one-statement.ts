/**
 * Intake in one statement: `record_complaint_intake` claims the request's idempotency key
 * and, only if the key was free, records the new case's events with its read model and
 * outbox rows (`record_complaint_events`). One call is one implicit transaction, so intake
 * needs no BEGIN and COMMIT around its statements: its write is one round trip instead of
 * four (claim, append, and the transaction's two), and a key already taken answers the
 * earlier request's complaint and body hash, with nothing written. A new case's stream that
 * exists already (its id taken) raises, so no key is kept for a case that was not recorded.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1763900000101-least-privilege-role';

const RECORD_ARGUMENTS = `text, text, integer, text, timestamptz, uuid[], text[], integer[], jsonb[], jsonb[],
  timestamptz[], text[], text[], text[], jsonb, boolean, boolean, jsonb, jsonb, text[], text[], jsonb[]`;
const INTAKE = `record_complaint_intake(text, text, text, uuid, ${RECORD_ARGUMENTS})`;

export class IntakeInOneStatement1763900001200 implements MigrationInterface {
  name = 'IntakeInOneStatement1763900001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION record_complaint_intake(
        p_principal text, p_key text, p_request_hash text, p_complaint_id uuid,
        p_stream_id text, p_stream_type text, p_expected_version integer, p_expected_head text,
        p_recorded_at timestamptz, p_event_ids uuid[], p_types text[], p_schema_versions integer[],
        p_data jsonb[], p_actors jsonb[], p_occurred_at timestamptz[], p_before_previous text[],
        p_after_previous text[], p_expected_hashes text[], p_summary jsonb, p_breached boolean,
        p_at_risk boolean, p_items jsonb, p_compensation jsonb,
        p_outbox_kinds text[], p_outbox_topics text[], p_outbox_payloads jsonb[]
      ) RETURNS TABLE (outcome text, actual_version integer, previous_head text, hashes text[],
                       global_positions text[], earlier_complaint_id uuid, earlier_request_hash text)
      LANGUAGE plpgsql AS $$
      DECLARE
        v record;
      BEGIN
        INSERT INTO idempotency_keys (principal, key, request_hash, complaint_id, created_at)
        VALUES (p_principal, p_key, p_request_hash, p_complaint_id, p_recorded_at)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
          RETURN QUERY SELECT 'key-taken'::text, NULL::integer, NULL::text, NULL::text[], NULL::text[],
                              k.complaint_id, k.request_hash::text
                         FROM idempotency_keys k WHERE k.principal = p_principal AND k.key = p_key;
          RETURN;
        END IF;
        SELECT * INTO v FROM record_complaint_events(p_stream_id, p_stream_type, p_expected_version, p_expected_head,
          p_recorded_at, p_event_ids, p_types, p_schema_versions, p_data, p_actors, p_occurred_at,
          p_before_previous, p_after_previous, p_expected_hashes, p_summary, p_breached, p_at_risk,
          p_items, p_compensation, p_outbox_kinds, p_outbox_topics, p_outbox_payloads);
        IF v.outcome <> 'appended' THEN
          -- a new case's stream exists already: keep no claim for a case that was not recorded
          RAISE EXCEPTION 'intake of complaint %: its stream % is not new (%)', p_complaint_id, p_stream_id, v.outcome
            USING ERRCODE = 'unique_violation';
        END IF;
        RETURN QUERY SELECT v.outcome, v.actual_version, v.previous_head, v.hashes, v.global_positions, NULL::uuid, NULL::text;
      END $$`);
    const role: unknown[] = await q.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    await q.query(`REVOKE ALL ON FUNCTION ${INTAKE} FROM PUBLIC`);
    if (role.length > 0) await q.query(`GRANT EXECUTE ON FUNCTION ${INTAKE} TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${INTAKE}`);
  }
}
