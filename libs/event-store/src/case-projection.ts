/**
 * The case read model: one row per complaint (`complaint_cases`: the columns lists filter on
 * and the case's summary as jsonb, the case without its growing lists) and one row per list
 * item (`complaint_case_items`). Written only in the statement that appends the events that
 * changed them (recordComplaintEvents, from the deciding fold's CaseChanges), and by the
 * projection rebuild; read back whole with `readCaseState`.
 */
import type { EntityManager } from 'typeorm';
import {
  caseChanges,
  caseFromParts,
  type CaseChanges,
  type CaseList,
  type CaseSummary,
  type ComplaintState,
} from '../../domain/src';

/** The parameters of `apply_case_changes` after the stream id and head (migration 1763900001100). */
export function caseChangeArguments(changes: CaseChanges): [string, boolean, boolean, string, string | null] {
  const compensation = compensationProjectionRows(changes);
  return [
    JSON.stringify(changes.summary),
    changes.breached,
    changes.atRisk,
    JSON.stringify(changes.items),
    compensation && JSON.stringify(compensation),
  ];
}

/** Write a whole case's read model (the projection rebuild): its summary, flags and every item. */
export async function writeCaseProjection(tx: EntityManager, streamId: string, state: ComplaintState): Promise<void> {
  await tx.query('SELECT apply_case_changes($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7::jsonb)', [
    streamId,
    state.headHash,
    ...caseChangeArguments(caseChanges(null, state)),
  ]);
}

type ListsRow = { id: string; state: CaseSummary; lists: Partial<Record<CaseList, unknown[]>> | null };

const LISTS_OF = (alias: string) => `(SELECT jsonb_object_agg(g.list, g.items) FROM (
    SELECT i.list, jsonb_agg(i.item ORDER BY i.position) AS items
      FROM complaint_case_items i WHERE i.complaint_id = ${alias}.id GROUP BY i.list) g) AS lists`;

export async function readCaseState(db: EntityManager, complaintId: string): Promise<ComplaintState | null> {
  const rows: ListsRow[] = await db.query(`SELECT c.id, c.state, ${LISTS_OF('c')} FROM complaint_cases c WHERE c.id = $1`, [complaintId]);
  return rows[0] ? caseFromParts(rows[0].state, rows[0].lists ?? {}) : null;
}

/** The case's summary (the case without its lists): its row alone. */
export async function readCaseSummary(db: EntityManager, complaintId: string): Promise<CaseSummary | null> {
  const rows: { state: CaseSummary }[] = await db.query('SELECT state FROM complaint_cases WHERE id = $1', [complaintId]);
  return rows[0]?.state ?? null;
}

/** The whole cases of the given ids, in the order given (absent ids left out). */
export async function readCaseStates(db: EntityManager, complaintIds: readonly string[]): Promise<ComplaintState[]> {
  if (complaintIds.length === 0) return [];
  const rows: ListsRow[] = await db.query(
    `SELECT c.id, c.state, ${LISTS_OF('c')} FROM complaint_cases c WHERE c.id = ANY($1::uuid[])`,
    [complaintIds],
  );
  const byId = new Map(rows.map((r) => [r.id, caseFromParts(r.state, r.lists ?? {})]));
  return complaintIds.map((id) => byId.get(id)).filter((s): s is ComplaintState => s !== undefined);
}

/**
 * What intake reads before it decides, in one round trip: the next number of the reference
 * sequence, and the oldest open case of the same customer and category (a possible
 * duplicate), if there is one.
 */
export async function readIntakeContext(
  db: EntityManager,
  customerId: string,
  category: string,
): Promise<{ referenceNumber: string; openCaseOfCustomer: string | null }> {
  const [row]: { seq: string; open_case: string | null }[] = await db.query(
    `SELECT nextval('complaint_reference_seq') AS seq,
            (SELECT id FROM complaint_cases WHERE customer_id = $1 AND category = $2 AND status <> 'closed'
              ORDER BY received_at, id LIMIT 1) AS open_case`,
    [customerId, category],
  );
  return { referenceNumber: row.seq, openCaseOfCustomer: row.open_case };
}

/** The newer cases intake flagged as possible duplicates of this one. */
export async function possibleDuplicatesOf(db: EntityManager, complaintId: string): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    'SELECT id FROM complaint_cases WHERE possible_duplicate_of = $1 ORDER BY received_at, id',
    [complaintId],
  );
  return rows.map((r) => r.id);
}

/**
 * The compensation rows (approvals inbox, customer history) of the proposals the changes
 * touched, keyed by column as `upsert_compensation_proposals` takes them, the case's and
 * customer's ids apart (null when none).
 */
function compensationProjectionRows(changes: CaseChanges): Record<string, unknown>[] | null {
  const proposals = changes.items.filter((i) => i.list === 'compensation').map((i) => i.item as ComplaintState['compensation'][number]);
  if (proposals.length === 0) return null;
  return proposals.map((p) => ({
    proposal_id: p.proposalId,
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
