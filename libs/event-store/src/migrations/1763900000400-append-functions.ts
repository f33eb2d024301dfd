/**
 * `append_to_stream`: one append in one statement, so a write costs one round trip. It
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
 * nothing written. Runs with the caller's rights (SECURITY INVOKER), executable by the
 * application's role only.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1763900000101-least-privilege-role';

const SIGNATURE = `append_to_stream(text, text, integer, text, timestamptz, uuid[], text[], integer[], jsonb[], jsonb[],
  timestamptz[], text[], text[], text[])`;

export class AppendFunction1763900000400 implements MigrationInterface {
  name = 'AppendFunction1763900000400';

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
    await q.query(`REVOKE ALL ON FUNCTION ${SIGNATURE} FROM PUBLIC`);
    const role: unknown[] = await q.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (role.length > 0) await q.query(`GRANT EXECUTE ON FUNCTION ${SIGNATURE} TO ${APP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ${SIGNATURE}`);
  }
}
