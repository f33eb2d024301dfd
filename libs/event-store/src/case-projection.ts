/**
 * The case read model: one row per complaint with the columns that lists filter on and
 * the whole folded state as jsonb. Written only in the statement that appends the events
 * it folds (see recordComplaintEvents), and by the projection rebuild.
 */
import type { EntityManager } from 'typeorm';
import { isBreached, type ComplaintState } from '../../domain/src/case/complaint-state';
import { SqlParameters } from './sql-parameters';

/** The projection row's columns with their SQL types, in the order `caseRowValues` gives them. */
const CASE_COLUMNS: readonly (readonly [string, string])[] = [
  ['id', 'uuid'],
  ['reference', 'text'],
  ['stream_id', 'text'],
  ['status', 'text'],
  ['closure', 'text'],
  ['severity', 'text'],
  ['category', 'text'],
  ['channel', 'text'],
  ['owner', 'text'],
  ['customer_id', 'text'],
  ['segment', 'text'],
  ['escalation_level', 'integer'],
  ['filed_by', 'text'],
  ['promised_resolution_by', 'timestamptz'],
  ['received_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
  ['version', 'integer'],
  ['state', 'jsonb'],
  ['breached', 'boolean'],
  ['possible_duplicate_of', 'uuid'],
];

function caseRowValues(streamId: string, state: ComplaintState, stateJson: string): unknown[] {
  return [
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
    stateJson,
    isBreached(state),
    state.possibleDuplicateOf,
  ];
}

/**
 * The upsert of a case's projection row, its values added to `params`; it writes only
 * when `condition` (SQL) holds, so it can sit beside an append in the same statement.
 * `stateJson` is `JSON.stringify(state)` when the caller already has it.
 */
export function caseProjectionUpsert(
  params: SqlParameters,
  streamId: string,
  state: ComplaintState,
  options: { stateJson?: string; condition?: string } = {},
): string {
  const values = caseRowValues(streamId, state, options.stateJson ?? JSON.stringify(state));
  const selected = CASE_COLUMNS.map(([, type], index) => params.add(values[index], type));
  return `INSERT INTO complaint_cases (${CASE_COLUMNS.map(([column]) => column).join(', ')})
     SELECT ${selected.join(', ')} WHERE ${options.condition ?? 'true'}
     ON CONFLICT (id) DO UPDATE SET
       status = EXCLUDED.status, closure = EXCLUDED.closure, severity = EXCLUDED.severity,
       owner = EXCLUDED.owner, escalation_level = EXCLUDED.escalation_level,
       promised_resolution_by = EXCLUDED.promised_resolution_by, updated_at = EXCLUDED.updated_at,
       version = EXCLUDED.version, state = EXCLUDED.state, breached = EXCLUDED.breached`;
}

export async function upsertCaseProjection(tx: EntityManager, streamId: string, state: ComplaintState): Promise<void> {
  const params = new SqlParameters();
  await tx.query(caseProjectionUpsert(params, streamId, state), params.values);
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
  const params = new SqlParameters();
  const sql = compensationProjectionUpsert(params, state);
  if (sql) await tx.query(sql, params.values);
}

/** The upsert of a case's compensation rows (null when it has none), written only when `condition` holds. */
export function compensationProjectionUpsert(params: SqlParameters, state: ComplaintState, condition = 'true'): string | null {
  if (state.compensation.length === 0) return null;
  const rows = state.compensation;
  return `INSERT INTO compensation_proposals (proposal_id, complaint_id, customer_id, type, amount_minor, currency, goodwill, status,
                                         proposed_by, proposed_at, required_role, rung, approval_due_by, decided_by, decided_at)
     SELECT u.proposal_id, ${params.add(state.id, 'uuid')}, ${params.add(state.customer.id, 'text')}, u.type, u.amount_minor,
            u.currency, u.goodwill, u.status, u.proposed_by, u.proposed_at, u.required_role, u.rung, u.approval_due_by,
            u.decided_by, u.decided_at
       FROM unnest(${params.add(rows.map((p) => p.proposalId), 'uuid[]')}, ${params.add(rows.map((p) => p.type), 'text[]')},
                   ${params.add(rows.map((p) => p.amount.minor), 'bigint[]')}, ${params.add(rows.map((p) => p.amount.currency), 'text[]')},
                   ${params.add(rows.map((p) => p.goodwill), 'boolean[]')}, ${params.add(rows.map((p) => p.status), 'text[]')},
                   ${params.add(rows.map((p) => p.proposedBy), 'text[]')}, ${params.add(rows.map((p) => p.proposedAt), 'timestamptz[]')},
                   ${params.add(rows.map((p) => p.requiredRole), 'text[]')}, ${params.add(rows.map((p) => p.rung), 'int[]')},
                   ${params.add(rows.map((p) => p.approvalDueBy), 'timestamptz[]')}, ${params.add(rows.map((p) => p.decidedBy), 'text[]')},
                   ${params.add(rows.map((p) => p.decidedAt), 'timestamptz[]')})
         AS u(proposal_id, type, amount_minor, currency, goodwill, status, proposed_by, proposed_at, required_role, rung,
              approval_due_by, decided_by, decided_at)
      WHERE ${condition}
     ON CONFLICT (proposal_id) DO UPDATE SET status = EXCLUDED.status, required_role = EXCLUDED.required_role,
       rung = EXCLUDED.rung, approval_due_by = EXCLUDED.approval_due_by, decided_by = EXCLUDED.decided_by,
       decided_at = EXCLUDED.decided_at`;
}
