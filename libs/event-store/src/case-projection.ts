/**
 * The case read model: one row per complaint with the columns that lists filter on and
 * the whole folded state as jsonb. Written only inside the append transaction.
 */
import type { EntityManager } from 'typeorm';
import { isBreached, type ComplaintState } from '../../domain/src/case/complaint-state';

export async function upsertCaseProjection(tx: EntityManager, streamId: string, state: ComplaintState): Promise<void> {
  await tx.query(
    `INSERT INTO complaint_cases (id, reference, stream_id, status, closure, severity, category, channel, owner,
                                  customer_id, segment, escalation_level, filed_by, promised_resolution_by,
                                  received_at, updated_at, version, state, breached, possible_duplicate_of)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     ON CONFLICT (id) DO UPDATE SET
       status = EXCLUDED.status, closure = EXCLUDED.closure, severity = EXCLUDED.severity,
       owner = EXCLUDED.owner, escalation_level = EXCLUDED.escalation_level,
       promised_resolution_by = EXCLUDED.promised_resolution_by, updated_at = EXCLUDED.updated_at,
       version = EXCLUDED.version, state = EXCLUDED.state, breached = EXCLUDED.breached`,
    [
      state.id,
      state.reference,
      streamId,
      state.status,
      state.closure,
      state.severity,
      state.category,
      state.channel,
      state.owner,
      state.customer.id,
      state.customer.segment,
      state.escalationLevel,
      state.filedBy,
      state.deadlines?.promisedResolutionBy ?? null,
      state.receivedAt,
      state.updatedAt,
      state.version,
      JSON.stringify(state),
      isBreached(state),
      state.possibleDuplicateOf,
    ],
  );
}

export async function readCaseState(db: EntityManager, complaintId: string): Promise<ComplaintState | null> {
  const rows: { state: ComplaintState }[] = await db.query('SELECT state FROM complaint_cases WHERE id = $1', [
    complaintId,
  ]);
  return rows[0]?.state ?? null;
}

/** An open case of the same customer and category (the oldest), if there is one. */
export async function findOpenCaseOf(db: EntityManager, customerId: string, category: string): Promise<string | null> {
  const rows: { id: string }[] = await db.query(
    `SELECT id FROM complaint_cases WHERE customer_id = $1 AND category = $2 AND status <> 'closed'
      ORDER BY received_at, id LIMIT 1`,
    [customerId, category],
  );
  return rows[0]?.id ?? null;
}

/** The newer cases intake flagged as possible duplicates of this one. */
export async function possibleDuplicatesOf(db: EntityManager, complaintId: string): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    'SELECT id FROM complaint_cases WHERE possible_duplicate_of = $1 ORDER BY received_at, id',
    [complaintId],
  );
  return rows.map((r) => r.id);
}

/** The case's compensation proposals as read-model rows (inbox and customer history). */
export async function upsertCompensationProjection(tx: EntityManager, state: ComplaintState): Promise<void> {
  if (state.compensation.length === 0) return;
  const rows = state.compensation;
  await tx.query(
    `INSERT INTO compensation_proposals (proposal_id, complaint_id, customer_id, type, amount_minor, currency, goodwill, status,
                                         proposed_by, proposed_at, required_role, rung, approval_due_by, decided_by, decided_at)
     SELECT u.proposal_id, $1, $2, u.type, u.amount_minor, u.currency, u.goodwill, u.status, u.proposed_by, u.proposed_at,
            u.required_role, u.rung, u.approval_due_by, u.decided_by, u.decided_at
       FROM unnest($3::uuid[], $4::text[], $5::bigint[], $6::text[], $7::boolean[], $8::text[], $9::text[], $10::timestamptz[],
                   $11::text[], $12::int[], $13::timestamptz[], $14::text[], $15::timestamptz[])
         AS u(proposal_id, type, amount_minor, currency, goodwill, status, proposed_by, proposed_at, required_role, rung,
              approval_due_by, decided_by, decided_at)
     ON CONFLICT (proposal_id) DO UPDATE SET status = EXCLUDED.status, required_role = EXCLUDED.required_role,
       rung = EXCLUDED.rung, approval_due_by = EXCLUDED.approval_due_by, decided_by = EXCLUDED.decided_by,
       decided_at = EXCLUDED.decided_at`,
    [
      state.id,
      state.customer.id,
      rows.map((p) => p.proposalId),
      rows.map((p) => p.type),
      rows.map((p) => p.amount.minor),
      rows.map((p) => p.amount.currency),
      rows.map((p) => p.goodwill),
      rows.map((p) => p.status),
      rows.map((p) => p.proposedBy),
      rows.map((p) => p.proposedAt),
      rows.map((p) => p.requiredRole),
      rows.map((p) => p.rung),
      rows.map((p) => p.approvalDueBy),
      rows.map((p) => p.decidedBy),
      rows.map((p) => p.decidedAt),
    ],
  );
}
