/**
 * The report projector's store side: one batch at a time, in one transaction, it takes the
 * projector's checkpoint (a worker that finds it taken by another skips its turn), reads the
 * next events in commit-safe global order (`readAllAfter`: no late-committing event is
 * skipped), folds them into the report rows of their cases with the domain's report fold
 * (`foldReportEvent`) and writes the changed rows and the advanced checkpoint together. A
 * crash loses nothing: the next batch starts at the last committed checkpoint. A rebuild
 * empties the tables and moves the checkpoint back to the start of the store.
 */
import type { DataSource, EntityManager } from 'typeorm';
import {
  compensationKey,
  emptyReportRows,
  foldReportEvent,
  promiseKey,
  responseKey,
  type ReportCase,
  type ReportCompensation,
  type ReportPromise,
  type ReportResponse,
  type ReportRows,
} from '../../domain/src';
import { readAllAfter } from './read-stream';
import { toRecordedEvent } from './recorded-event';

type Column<T> = readonly [field: keyof T & string, column: string, sqlType: string];

interface ReportTable<T> {
  name: string;
  key: readonly string[];
  columns: readonly Column<T>[];
}

const CASES: ReportTable<ReportCase> = {
  name: 'report_cases',
  key: ['case_id'],
  columns: [
    ['caseId', 'case_id', 'text'],
    ['reference', 'reference', 'text'],
    ['category', 'category', 'text'],
    ['channel', 'channel', 'text'],
    ['segment', 'segment', 'text'],
    ['language', 'language', 'text'],
    ['severity', 'severity', 'text'],
    ['policyVersion', 'policy_version', 'text'],
    ['receivedAt', 'received_at', 'timestamptz'],
    ['acknowledgedAt', 'acknowledged_at', 'timestamptz'],
    ['firstContactAt', 'first_contact_at', 'timestamptz'],
    ['finalResponseAt', 'final_response_at', 'timestamptz'],
    ['outcome', 'outcome', 'text'],
    ['rootCause', 'root_cause', 'text'],
    ['closedAt', 'closed_at', 'timestamptz'],
    ['closure', 'closure', 'text'],
    ['reopens', 'reopens', 'integer'],
    ['escalations', 'escalations', 'integer'],
    ['owner', 'owner', 'text'],
    ['team', 'team', 'text'],
  ],
};

const PROMISES: ReportTable<ReportPromise> = {
  name: 'report_promises',
  key: ['case_id', 'promise_id'],
  columns: [
    ['caseId', 'case_id', 'text'],
    ['promiseId', 'promise_id', 'text'],
    ['kind', 'kind', 'text'],
    ['madeAt', 'made_at', 'timestamptz'],
    ['dueBy', 'due_by', 'timestamptz'],
    ['owner', 'owner', 'text'],
    ['team', 'team', 'text'],
    ['category', 'category', 'text'],
    ['revisions', 'revisions', 'integer'],
    ['status', 'status', 'text'],
    ['settledAt', 'settled_at', 'timestamptz'],
    ['brokenReason', 'broken_reason', 'text'],
  ],
};

const COMPENSATION: ReportTable<ReportCompensation> = {
  name: 'report_compensation',
  key: ['case_id', 'proposal_id'],
  columns: [
    ['caseId', 'case_id', 'text'],
    ['proposalId', 'proposal_id', 'text'],
    ['compensationType', 'compensation_type', 'text'],
    ['currency', 'currency', 'text'],
    ['minor', 'minor', 'bigint'],
    ['proposedAt', 'proposed_at', 'timestamptz'],
    ['status', 'status', 'text'],
    ['decidedAt', 'decided_at', 'timestamptz'],
  ],
};

const RESPONSES: ReportTable<ReportResponse> = {
  name: 'report_responses',
  key: ['case_id', 'resolution_id'],
  columns: [
    ['caseId', 'case_id', 'text'],
    ['resolutionId', 'resolution_id', 'text'],
    ['category', 'category', 'text'],
    ['issuedAt', 'issued_at', 'timestamptz'],
    ['outcome', 'outcome', 'text'],
    ['rootCause', 'root_cause', 'text'],
  ],
};

/** The tables' rows of these cases, as the fold reads them (instants as ISO texts, counts as numbers). */
async function load<T>(tx: EntityManager, table: ReportTable<T>, caseIds: readonly string[]): Promise<T[]> {
  const select = table.columns
    .map(([field, column, type]) =>
      type === 'timestamptz'
        ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${field}"`
        : type === 'bigint'
          ? `${column}::float8 AS "${field}"`
          : `${column} AS "${field}"`,
    )
    .join(', ');
  return tx.query(`SELECT ${select} FROM ${table.name} WHERE case_id = ANY($1::text[])`, [caseIds]);
}

async function save<T>(tx: EntityManager, table: ReportTable<T>, rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = table.columns.map(([, column]) => column);
  const records = rows.map((row) => Object.fromEntries(table.columns.map(([field, column]) => [column, row[field]])));
  const updates = columns.filter((column) => !table.key.includes(column)).map((column) => `${column} = EXCLUDED.${column}`);
  await tx.query(
    `INSERT INTO ${table.name} (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${table.columns.map(([, column, type]) => `${column} ${type}`).join(', ')})
     ON CONFLICT (${table.key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    [JSON.stringify(records)],
  );
}

async function loadReportRows(tx: EntityManager, caseIds: readonly string[]): Promise<ReportRows> {
  const rows = emptyReportRows();
  for (const row of await load(tx, CASES, caseIds)) rows.cases.set(row.caseId, row);
  for (const row of await load(tx, PROMISES, caseIds)) rows.promises.set(promiseKey(row.caseId, row.promiseId), row);
  for (const row of await load(tx, COMPENSATION, caseIds)) rows.compensation.set(compensationKey(row.caseId, row.proposalId), row);
  for (const row of await load(tx, RESPONSES, caseIds)) rows.responses.set(responseKey(row.caseId, row.resolutionId), row);
  return rows;
}

async function saveReportRows(tx: EntityManager, rows: ReportRows): Promise<void> {
  const changed = <T>(map: Map<string, T>, keys: Set<string>) => [...keys].map((key) => map.get(key)!);
  await save(tx, CASES, changed(rows.cases, rows.changed.cases));
  await save(tx, PROMISES, changed(rows.promises, rows.changed.promises));
  await save(tx, COMPENSATION, changed(rows.compensation, rows.changed.compensation));
  await save(tx, RESPONSES, changed(rows.responses, rows.changed.responses));
}

/** What the report tables cover: the events folded so far and the highest global position among them. */
export interface ReportCoverage {
  events: number;
  coversThrough: number;
}

export async function reportCoverage(db: EntityManager): Promise<ReportCoverage> {
  const [row]: { events: string; max_position: string }[] = await db.query(`SELECT events::text, max_position::text FROM report_checkpoint`);
  return { events: Number(row.events), coversThrough: Number(row.max_position) };
}

/**
 * Fold the next events (at most `limit`) into the report tables. `folded`: how many; `busy`:
 * another projector holds the checkpoint right now (this one skips its turn).
 */
export async function projectReportBatch(db: DataSource, limit: number): Promise<{ folded: number; busy: boolean }> {
  return db.transaction(async (tx) => {
    const [checkpoint]: { transaction_id: string; global_position: string; max_position: string }[] = await tx.query(
      `SELECT transaction_id::text, global_position::text, max_position::text FROM report_checkpoint FOR UPDATE SKIP LOCKED`,
    );
    if (!checkpoint) return { folded: 0, busy: true };
    const batch = await readAllAfter(tx, { transactionId: checkpoint.transaction_id, globalPosition: checkpoint.global_position }, limit);
    if (batch.events.length === 0) return { folded: 0, busy: false };
    const complaintEvents = batch.events.filter((event) => event.streamId.startsWith('complaint-'));
    const rows = await loadReportRows(tx, [...new Set(complaintEvents.map((event) => event.streamId))]);
    for (const event of complaintEvents) foldReportEvent(rows, toRecordedEvent(event));
    await saveReportRows(tx, rows);
    const maxPosition = batch.events.reduce((max, event) => Math.max(max, Number(event.globalPosition)), Number(checkpoint.max_position));
    await tx.query(
      `UPDATE report_checkpoint SET transaction_id = $1::xid8, global_position = $2, max_position = $3, events = events + $4, updated_at = now()`,
      [batch.checkpoint.transactionId, batch.checkpoint.globalPosition, maxPosition, batch.events.length],
    );
    return { folded: batch.events.length, busy: false };
  });
}

/** Empty the report tables and move the checkpoint back to the start of the store (a rebuild then folds every event again). */
export async function resetReportTables(db: DataSource): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SELECT 1 FROM report_checkpoint FOR UPDATE`);
    await tx.query(`DELETE FROM report_responses`);
    await tx.query(`DELETE FROM report_compensation`);
    await tx.query(`DELETE FROM report_promises`);
    await tx.query(`DELETE FROM report_cases`);
    await tx.query(`UPDATE report_checkpoint SET transaction_id = '0', global_position = 0, max_position = 0, events = 0, updated_at = now()`);
  });
}

/** Fold batches until the tables have caught up with the store; how many events were folded. */
export async function catchUpReports(db: DataSource, batchSize = 2_000): Promise<number> {
  let total = 0;
  for (;;) {
    const { folded, busy } = await projectReportBatch(db, batchSize);
    total += folded;
    if (folded === 0 && !busy) return total;
    if (busy) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
