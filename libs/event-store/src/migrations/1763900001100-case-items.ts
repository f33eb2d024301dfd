/**
 * A narrow case read model: `complaint_cases.state` holds the case without its growing lists
 * (its summary: fixed in size), and each item of a list (notes, contacts, promises,
 * escalations, ...) is a row of `complaint_case_items`, so an append writes what its events
 * changed instead of the case's whole history again. Existing rows are split once: every
 * list of every stored state becomes its items, and the lists leave the state.
 *
 * `record_complaint_events` takes what the deciding fold produced (libs/domain
 * case/case-changes.ts): the summary's changed members (merged into the stored summary,
 * with the new head hash the append computed), the read model's flags, the new or changed
 * items, the changed compensation rows and the outbox rows. It reads nothing of the case
 * but its own summary row. `apply_case_changes` is that write alone (the projection
 * rebuild uses it too). The row's columns are read from the merged summary here, in one
 * place, and the compensation rows get their case's and customer's ids here.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1763900000101-least-privilege-role';

/** The lists as the domain names them (CASE_LISTS): frozen here as the stored shape was. */
const LISTS = [
  'escalations',
  'contacts',
  'informationRequests',
  'customerMessages',
  'promises',
  'compensation',
  'resolutions',
  'correspondenceRejections',
  'notes',
  'merged',
  'notifications',
];

const APPEND_ARGUMENTS = `text, text, integer, text, timestamptz, uuid[], text[], integer[], jsonb[], jsonb[],
  timestamptz[], text[], text[], text[]`;
const OLD_RECORD = `record_complaint_events(${APPEND_ARGUMENTS}, jsonb, jsonb, jsonb, text[], text[], jsonb[])`;
const APPLY = 'apply_case_changes(text, text, jsonb, boolean, boolean, jsonb, jsonb)';
const RECORD = `record_complaint_events(${APPEND_ARGUMENTS}, jsonb, boolean, boolean, jsonb, jsonb, text[], text[], jsonb[])`;

export class CaseItems1763900001100 implements MigrationInterface {
  name = 'CaseItems1763900001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE complaint_case_items (
        complaint_id uuid    NOT NULL REFERENCES complaint_cases (id) ON DELETE CASCADE,
        list         text    NOT NULL,
        position     integer NOT NULL,
        item         jsonb   NOT NULL,
        PRIMARY KEY (complaint_id, list, position)
      )`);
    await q.query(
      `INSERT INTO complaint_case_items (complaint_id, list, position, item)
       SELECT c.id, l.list, e.ordinality - 1, e.item
         FROM complaint_cases c
         CROSS JOIN unnest($1::text[]) AS l(list)
         CROSS JOIN LATERAL jsonb_array_elements(coalesce(c.state -> l.list, '[]'::jsonb)) WITH ORDINALITY AS e(item, ordinality)`,
      [LISTS],
    );
    await q.query(`UPDATE complaint_cases SET state = state - $1::text[]`, [LISTS]);

    await q.query(`
      CREATE FUNCTION apply_case_changes(p_stream_id text, p_head text, p_summary jsonb, p_breached boolean,
                                         p_at_risk boolean, p_items jsonb, p_compensation jsonb) RETURNS void
      LANGUAGE plpgsql AS $$
      DECLARE
        s jsonb;
      BEGIN
        SELECT c.state INTO s FROM complaint_cases c WHERE c.stream_id = p_stream_id;
        s := coalesce(s, '{}'::jsonb) || p_summary || jsonb_build_object('headHash', p_head);
        INSERT INTO complaint_cases (id, reference, stream_id, status, closure, severity, category, channel, owner,
                                     customer_id, segment, escalation_level, filed_by, promised_resolution_by,
                                     received_at, updated_at, version, state, breached, at_risk, possible_duplicate_of)
        VALUES ((s->>'id')::uuid, s->>'reference', p_stream_id, s->>'status', s->>'closure', s->>'severity',
                s->>'category', s->>'channel', s->>'owner', s->'customer'->>'id', s->'customer'->>'segment',
                (s->>'escalationLevel')::integer, s->>'filedBy', (s->'deadlines'->>'promisedResolutionBy')::timestamptz,
                (s->>'receivedAt')::timestamptz, (s->>'updatedAt')::timestamptz, (s->>'version')::integer, s,
                p_breached, p_at_risk, (s->>'possibleDuplicateOf')::uuid)
        ON CONFLICT (id) DO UPDATE SET
          status = EXCLUDED.status, closure = EXCLUDED.closure, severity = EXCLUDED.severity,
          owner = EXCLUDED.owner, escalation_level = EXCLUDED.escalation_level,
          promised_resolution_by = EXCLUDED.promised_resolution_by, updated_at = EXCLUDED.updated_at,
          version = EXCLUDED.version, state = EXCLUDED.state, breached = EXCLUDED.breached,
          at_risk = EXCLUDED.at_risk;
        IF jsonb_array_length(p_items) > 0 THEN
          INSERT INTO complaint_case_items (complaint_id, list, position, item)
          SELECT (s->>'id')::uuid, i.list, i.position, i.item
            FROM jsonb_to_recordset(p_items) AS i(list text, position integer, item jsonb)
          ON CONFLICT (complaint_id, list, position) DO UPDATE SET item = EXCLUDED.item;
        END IF;
        IF p_compensation IS NOT NULL THEN
          PERFORM upsert_compensation_proposals((
            SELECT jsonb_agg(r || jsonb_build_object('complaint_id', s->>'id', 'customer_id', s->'customer'->>'id'))
              FROM jsonb_array_elements(p_compensation) AS r));
        END IF;
      END $$`);
    await q.query(`DROP FUNCTION ${OLD_RECORD}`);
    await q.query(`
      CREATE FUNCTION record_complaint_events(
        p_stream_id text, p_stream_type text, p_expected_version integer, p_expected_head text,
        p_recorded_at timestamptz, p_event_ids uuid[], p_types text[], p_schema_versions integer[],
        p_data jsonb[], p_actors jsonb[], p_occurred_at timestamptz[], p_before_previous text[],
        p_after_previous text[], p_expected_hashes text[],
        p_summary jsonb,                   -- the case summary's changed members
        p_breached boolean, p_at_risk boolean,
        p_items jsonb,                     -- [{list, position, item}]: the new or changed list items
        p_compensation jsonb,              -- the changed proposals' rows (ids added here); NULL: none changed
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
          PERFORM apply_case_changes(p_stream_id, v.hashes[cardinality(v.hashes)], p_summary, p_breached, p_at_risk,
                                     p_items, p_compensation);
          IF cardinality(p_outbox_kinds) > 0 THEN
            INSERT INTO outbox (kind, topic, stream_id, payload)
            SELECT u.kind, u.topic, p_stream_id, u.payload
              FROM unnest(p_outbox_kinds, p_outbox_topics, p_outbox_payloads) AS u(kind, topic, payload);
          END IF;
        END IF;
        RETURN QUERY SELECT v.outcome, v.actual_version, v.previous_head, v.hashes, v.global_positions;
      END $$`);
    await q.query(`DROP FUNCTION upsert_complaint_case(jsonb, jsonb)`);

    const role: unknown[] = await q.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    for (const signature of [APPLY, RECORD]) {
      await q.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      if (role.length > 0) await q.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_ROLE}`);
    }
    if (role.length > 0) await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON complaint_case_items TO ${APP_ROLE}`);
  }

  async down(): Promise<void> {
    throw new Error('the narrow case read model is not undone: rebuild the projections of the older version instead');
  }
}
