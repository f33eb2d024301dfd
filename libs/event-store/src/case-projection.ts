/**
 * The case read model: one row per complaint with the columns that lists filter on and
 * the whole folded state as jsonb. Written only in the statement that appends the events
 * it folds (see recordComplaintEvents), and by the projection rebuild.
 */
import type { EntityManager } from 'typeorm';
import { isAtRisk, isBreached, type ComplaintState } from '../../domain/src';

/**
 * The projection row's columns (the state apart), keyed by column name, as the database
 * function `upsert_complaint_case` (migration 1763900000400) takes them.
 */
export function caseProjectionRow(streamId: string, state: ComplaintState): Record<string, unknown> {
  return {
    id: state.id,
    reference: state.reference,
    stream_id: streamId,
    status: state.status,
    closure: state.closure,
    severity: state.severity,
    category: state.category,
    channel: state.channel,
    owner: state.owner,
    customer_id: state.customer.id,
    segment: state.customer.segment,
    escalation_level: state.escalationLevel,
    filed_by: state.filedBy,
    promised_resolution_by: state.deadlines?.promisedResolutionBy ?? null,
    received_at: state.receivedAt,
    updated_at: state.updatedAt,
    version: state.version,
    breached: isBreached(state),
    at_risk: isAtRisk(state),
    possible_duplicate_of: state.possibleDuplicateOf,
  };
}

export async function upsertCaseProjection(tx: EntityManager, streamId: string, state: ComplaintState): Promise<void> {
  await tx.query('SELECT upsert_complaint_case($1::jsonb, $2::jsonb)', [
    JSON.stringify(caseProjectionRow(streamId, state)),
    JSON.stringify(state),
  ]);
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
  const rows = compensationProjectionRows(state);
  if (rows) await tx.query('SELECT upsert_compensation_proposals($1::jsonb)', [JSON.stringify(rows)]);
}

/** The compensation rows keyed by column, as `upsert_compensation_proposals` takes them (null when none). */
export function compensationProjectionRows(state: ComplaintState): Record<string, unknown>[] | null {
  if (state.compensation.length === 0) return null;
  return state.compensation.map((p) => ({
    proposal_id: p.proposalId,
    complaint_id: state.id,
    customer_id: state.customer.id,
    type: p.type,
    amount_minor: p.amount.minor,
    currency: p.amount.currency,
    goodwill: p.goodwill,
    status: p.status,
    proposed_by: p.proposedBy,
    proposed_at: p.proposedAt,
    required_role: p.requiredRole,
    rung: p.rung,
    approval_due_by: p.approvalDueBy,
    decided_by: p.decidedBy,
    decided_at: p.decidedAt,
  }));
}
