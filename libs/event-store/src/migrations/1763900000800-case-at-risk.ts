/**
 * The case read model's `at_risk` column, written like `breached` from the folded state by
 * the domain's rule (`isAtRisk`: an open promise past the policy's warning point), so the
 * dashboard counts at-risk cases per owner from the column instead of restating the rule.
 * Existing rows are filled once from their stored state by the same test on the promises.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

const UPSERT = (withAtRisk: boolean) => `
  CREATE OR REPLACE FUNCTION upsert_complaint_case(p_row jsonb, p_state jsonb) RETURNS void
  LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO complaint_cases (id, reference, stream_id, status, closure, severity, category, channel, owner,
                                 customer_id, segment, escalation_level, filed_by, promised_resolution_by,
                                 received_at, updated_at, version, state, breached, possible_duplicate_of${withAtRisk ? ', at_risk' : ''})
    SELECT r.id, r.reference, r.stream_id, r.status, r.closure, r.severity, r.category, r.channel, r.owner,
           r.customer_id, r.segment, r.escalation_level, r.filed_by, r.promised_resolution_by,
           r.received_at, r.updated_at, r.version, p_state, r.breached, r.possible_duplicate_of${withAtRisk ? ', coalesce(r.at_risk, false)' : ''}
      FROM jsonb_populate_record(NULL::complaint_cases, p_row) AS r
    ON CONFLICT (id) DO UPDATE SET
      status = EXCLUDED.status, closure = EXCLUDED.closure, severity = EXCLUDED.severity,
      owner = EXCLUDED.owner, escalation_level = EXCLUDED.escalation_level,
      promised_resolution_by = EXCLUDED.promised_resolution_by, updated_at = EXCLUDED.updated_at,
      version = EXCLUDED.version, state = EXCLUDED.state, breached = EXCLUDED.breached${withAtRisk ? ', at_risk = EXCLUDED.at_risk' : ''};
  END $$`;

export class CaseAtRisk1763900000800 implements MigrationInterface {
  name = 'CaseAtRisk1763900000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint_cases ADD COLUMN at_risk boolean NOT NULL DEFAULT false`);
    await q.query(
      `UPDATE complaint_cases SET at_risk = true
        WHERE status <> 'closed' AND state->'promises' @> '[{"status": "open", "warned": true}]'::jsonb`,
    );
    await q.query(UPSERT(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(UPSERT(false));
    await q.query(`ALTER TABLE complaint_cases DROP COLUMN at_risk`);
  }
}
