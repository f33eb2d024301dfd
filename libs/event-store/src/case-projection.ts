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
