/**
 * Appends in one statement, so a write costs one round trip, with statements planned once
 * per connection (PL/pgSQL caches them), not per call.
 *
 * `append_to_stream`: it
 * locks the stream row, compares the expected version (and, when the caller names it, the
 * head hash its decision was folded from), finishes the canonical text of each event as
 * `text before previousHash || previous hash || text after it` (Node canonicalized the
 * rest, RFC 8785), chains SHA-256 over the UTF-8 bytes event by event, inserts the events
 * and moves the stream head. When the caller sends the hashes it computed itself, they
 * must equal the database's or nothing is written.
 *
 * Outcomes (one row): `appended` with the global positions and hashes; `wrong-version`
 * with the actual version and nothing written (the caller decides between an idempotent
 * retry and a ConcurrencyError); `wrong-head` (version right, head not the one named):
 * nothing written.
 *
 * `record_complaint_events`: the append and, only when it appended, the case projection
 * row, the compensation rows and the outbox rows of the complaint, all in one call.
 * `upsert_complaint_case` / `upsert_compensation_proposals` write the projection rows
 * (also used by the projection rebuild): rows arrive as jsonb objects keyed by column.
 *
 * All run with the caller's rights (SECURITY INVOKER), executable by the application's
 * role only. A change of the projection tables' columns changes these functions too.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1763900000101-least-privilege-role';

const APPEND_ARGUMENTS = `text, text, integer, text, timestamptz, uuid[], text[], integer[], jsonb[], jsonb[],
  timestamptz[], text[], text[], text[]`;
const SIGNATURES = [
  `append_to_stream(${APPEND_ARGUMENTS})`,
  'upsert_complaint_case(jsonb, jsonb)',
  'upsert_compensation_proposals(jsonb)',
  `record_complaint_events(${APPEND_ARGUMENTS}, jsonb, jsonb, jsonb, text[], text[], jsonb[])`,
];

export class AppendFunctions1763900000400 implements MigrationInterface {
  name = 'AppendFunctions1763900000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION append_to_stream(
        p_stream_id         text,
        p_stream_type       text,
        p_expected_version  integer,
        p_expected_head     text,          -- NULL: whatever the head is
        p_recorded_at       timestamptz,
        p_event_ids         uuid[],
        p_types             text[],
        p_schema_versions   integer[],
        p_data              jsonb[],
        p_actors            jsonb[],
        p_occurred_at       timestamptz[],
        p_before_previous   text[],        -- canonical text up to the previousHash value
        p_after_previous    text[],        -- canonical text after it
        p_expected_hashes   text[]         -- NULL: not checked
      ) RETURNS TABLE (outcome text, actual_version integer, previous_head text, hashes text[], global_positions text[])
      LANGUAGE plpgsql AS $$
      DECLARE
        v_count     integer := coalesce(cardinality(p_event_ids), 0);
        v_version   integer;
        v_head      text;
        v_link      text;
        v_previous  text[] := '{}';
        v_canonical text[] := '{}';
        v_hashes    text[] := '{}';
        v_positions text[];
      BEGIN
        IF v_count = 0 THEN
          RAISE EXCEPTION 'append_to_stream needs at least one event';
        END IF;
        IF v_count <> ANY (ARRAY[cardinality(p_types), cardinality(p_schema_versions), cardinality(p_data),
                                 cardinality(p_actors), cardinality(p_occurred_at), cardinality(p_before_previous),
                                 cardinality(p_after_previous)])
           OR (p_expected_hashes IS NOT NULL AND cardinality(p_expected_hashes) <> v_count) THEN
          RAISE EXCEPTION 'append_to_stream: the event arrays differ in length';
        END IF;

        IF p_expected_version > 0 THEN
          SELECT s.version, s.head_hash INTO v_version, v_head FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
          IF NOT FOUND OR v_version <> p_expected_version THEN
            RETURN QUERY SELECT 'wrong-version'::text, coalesce(v_version, 0), NULL::text, NULL::text[], NULL::text[];
            RETURN;
          END IF;
          IF p_expected_head IS NOT NULL AND v_head <> p_expected_head THEN
            RETURN QUERY SELECT 'wrong-head'::text, v_version, v_head, NULL::text[], NULL::text[];
            RETURN;
          END IF;
        ELSE
          v_head := repeat('0', 64);
        END IF;

        v_link := v_head;
        FOR i IN 1 .. v_count LOOP
          v_previous[i] := v_link;
          v_canonical[i] := p_before_previous[i] || v_link || p_after_previous[i];
          v_link := encode(sha256(convert_to(v_canonical[i], 'UTF8')), 'hex');
          v_hashes[i] := v_link;
        END LOOP;
        IF p_expected_hashes IS NOT NULL AND p_expected_hashes IS DISTINCT FROM v_hashes THEN
          RAISE EXCEPTION 'append_to_stream: the hashes of stream % differ from the ones the caller computed', p_stream_id;
        END IF;

        IF p_expected_version = 0 THEN
          -- a concurrent creator makes this wait for its end, then do nothing
          INSERT INTO streams (stream_id, stream_type, version, head_hash, created_at, updated_at)
          VALUES (p_stream_id, p_stream_type, v_count, v_link, p_recorded_at, p_recorded_at)
          ON CONFLICT (stream_id) DO NOTHING;
          IF NOT FOUND THEN
            SELECT s.version INTO v_version FROM streams s WHERE s.stream_id = p_stream_id;
            RETURN QUERY SELECT 'wrong-version'::text, coalesce(v_version, 0), NULL::text, NULL::text[], NULL::text[];
            RETURN;
          END IF;
        ELSE
          UPDATE streams SET version = p_expected_version + v_count, head_hash = v_link, updated_at = p_recorded_at
           WHERE stream_id = p_stream_id;
        END IF;

        WITH inserted AS (
          INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, actor,
                              occurred_at, recorded_at, canonical, hash, previous_hash)
          SELECT p_stream_id, p_expected_version + u.n, u.event_id, u.type, u.schema_version, u.data, u.actor,
                 u.occurred_at, p_recorded_at, u.canonical, u.hash, u.previous_hash
            FROM unnest(p_event_ids, p_types, p_schema_versions, p_data, p_actors, p_occurred_at,
                        v_canonical, v_hashes, v_previous) WITH ORDINALITY
              AS u(event_id, type, schema_version, data, actor, occurred_at, canonical, hash, previous_hash, n)
           ORDER BY u.n
          RETURNING stream_position, global_position
        )
        SELECT array_agg(inserted.global_position::text ORDER BY inserted.stream_position) INTO v_positions FROM inserted;

        RETURN QUERY SELECT 'appended'::text, p_expected_version + v_count, v_head, v_hashes, v_positions;
      END $$`);
    await q.query(`
      CREATE FUNCTION upsert_complaint_case(p_row jsonb, p_state jsonb) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO complaint_cases (id, reference, stream_id, status, closure, severity, category, channel, owner,
                                     customer_id, segment, escalation_level, filed_by, promised_resolution_by,
                                     received_at, updated_at, version, state, breached, possible_duplicate_of)
        SELECT r.id, r.reference, r.stream_id, r.status, r.closure, r.severity, r.category, r.channel, r.owner,
               r.customer_id, r.segment, r.escalation_level, r.filed_by, r.promised_resolution_by,
               r.received_at, r.updated_at, r.version, p_state, r.breached, r.possible_duplicate_of
          FROM jsonb_populate_record(NULL::complaint_cases, p_row) AS r
        ON CONFLICT (id) DO UPDATE SET
          status = EXCLUDED.status, closure = EXCLUDED.closure, severity = EXCLUDED.severity,
          owner = EXCLUDED.owner, escalation_level = EXCLUDED.escalation_level,
          promised_resolution_by = EXCLUDED.promised_resolution_by, updated_at = EXCLUDED.updated_at,
          version = EXCLUDED.version, state = EXCLUDED.state, breached = EXCLUDED.breached;
      END $$`);
    await q.query(`
      CREATE FUNCTION upsert_compensation_proposals(p_rows jsonb) RETURNS void
      LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO compensation_proposals (proposal_id, complaint_id, customer_id, type, amount_minor, currency, goodwill,
                                            status, proposed_by, proposed_at, required_role, rung, approval_due_by,
                                            decided_by, decided_at)
        SELECT r.proposal_id, r.complaint_id, r.customer_id, r.type, r.amount_minor, r.currency, r.goodwill,
               r.status, r.proposed_by, r.proposed_at, r.required_role, r.rung, r.approval_due_by,
               r.decided_by, r.decided_at
          FROM jsonb_populate_recordset(NULL::compensation_proposals, p_rows) AS r
        ON CONFLICT (proposal_id) DO UPDATE SET status = EXCLUDED.status, required_role = EXCLUDED.required_role,
          rung = EXCLUDED.rung, approval_due_by = EXCLUDED.approval_due_by, decided_by = EXCLUDED.decided_by,
          decided_at = EXCLUDED.decided_at;
      END $$`);
    await q.query(`
      CREATE FUNCTION record_complaint_events(
        p_stream_id text, p_stream_type text, p_expected_version integer, p_expected_head text,
        p_recorded_at timestamptz, p_event_ids uuid[], p_types text[], p_schema_versions integer[],
        p_data jsonb[], p_actors jsonb[], p_occurred_at timestamptz[], p_before_previous text[],
        p_after_previous text[], p_expected_hashes text[],
        p_case jsonb,                      -- the projection row, keyed by column (state apart)
        p_state jsonb,
        p_compensation jsonb,              -- NULL: the compensation rows are unchanged
        p_outbox_kinds text[], p_outbox_topics text[], p_outbox_payloads jsonb[]
      ) RETURNS TABLE (outcome text, actual_version integer, previous_head text, hashes text[], global_positions text[])
      LANGUAGE plpgsql AS $$
      DECLARE
        v record;
      BEGIN
        SELECT * INTO v FROM append_to_stream(p_stream_id, p_stream_type, p_expected_version, p_expected_head,
          p_recorded_at, p_event_ids, p_types, p_schema_versions, p_data, p_actors, p_occurred_at,
          p_before_previous, p_after_previous, p_expected_hashes);
        IF v.outcome = 'appended' THEN
          PERFORM upsert_complaint_case(p_case, p_state);
          IF p_compensation IS NOT NULL THEN
            PERFORM upsert_compensation_proposals(p_compensation);
          END IF;
          IF cardinality(p_outbox_kinds) > 0 THEN
            INSERT INTO outbox (kind, topic, stream_id, payload)
            SELECT u.kind, u.topic, p_stream_id, u.payload
              FROM unnest(p_outbox_kinds, p_outbox_topics, p_outbox_payloads) AS u(kind, topic, payload);
          END IF;
        END IF;
        RETURN QUERY SELECT v.outcome, v.actual_version, v.previous_head, v.hashes, v.global_positions;
      END $$`);
    const role: unknown[] = await q.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    for (const signature of SIGNATURES) {
      await q.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      if (role.length > 0) await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const signature of [...SIGNATURES].reverse()) await q.query(`DROP FUNCTION ${signature}`);
  }
}
