/**
 * The report benchmark's store: `cases` case histories decided by the domain's deciders
 * (support/report-histories.ts, under the policy the API runs), written straight to the
 * event store in bulk — each event chained with `chainEvent` (the one definition of the hash
 * chain: canonical text, SHA-256, the previous event's hash) exactly as `append_to_stream`
 * stores it, the stream head in `streams`, many cases per INSERT — instead of one append per
 * event through HTTP and the workflow. Each event is recorded at the time it was decided (as
 * the test histories are), so the store spans the generated months. No workflow starts and
 * no outbox row is written: these cases exist for the reports only. Then the report tables
 * catch up (`catchUpReports`, alongside the running worker's own projector), timed, and the
 * audit trail's `verifyStore` checks the whole store (the scenario fails if it does not verify).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { verifyStore } from '../../libs/audit-trail/src';
import { calendarFor, type NewEvent, type Policy } from '../../libs/domain/src';
import { catchUpReports, chainEvent, complaintStreamId, COMPLAINT_STREAM_TYPE, GENESIS_HASH } from '../../libs/event-store/src';
import { generateCase, schemaVersionOf, seededRandom, type HistoryOptions } from '../support/report-histories';
import { BENCH_AUDIT_SIGNING_KEY } from '../support/bench-system';
import { startProgress } from '../support/progress';

/** cases per INSERT (one transaction each) */
const CASES_PER_INSERT = 250;
/** batches in flight: one is decided and hashed in this process while the other is written */
const WRITERS = 2;

export interface ReportStore {
  cases: number;
  openCases: number;
  events: number;
  /** decisions a case's state refused (skipped, as a person is refused and moves on) */
  refusedDecisions: number;
  from: string;
  to: string;
  generateSeconds: number;
  catchUpSeconds: number;
  /** events the harness's catch-up folded (the worker's projector folded the rest) */
  foldedByHarness: number;
  /** the whole store verified by the audit trail's `verifyStore` after the catch-up (valid, or the scenario fails) */
  verified: { events: number; seconds: number };
  bytes: { events: number; reportCases: number; reportPromises: number; reportCompensation: number };
  rows: { reportCases: number; reportPromises: number; reportCompensation: number };
}

interface Columns {
  heads: { ids: string[]; versions: number[]; hashes: string[]; created: string[]; updated: string[] };
  rows: {
    streamIds: string[];
    positions: number[];
    ids: string[];
    types: string[];
    versions: number[];
    data: string[];
    actors: string[];
    occurredAt: string[];
    canonical: string[];
    hashes: string[];
    previous: string[];
  };
}

/** The rows of these cases as the engine stores them: the real chain, recorded when decided. */
export function chainedColumns(cases: readonly { complaintId: string; events: readonly NewEvent[] }[]): Columns {
  const columns: Columns = {
    heads: { ids: [], versions: [], hashes: [], created: [], updated: [] },
    rows: { streamIds: [], positions: [], ids: [], types: [], versions: [], data: [], actors: [], occurredAt: [], canonical: [], hashes: [], previous: [] },
  };
  for (const generated of cases) {
    const streamId = complaintStreamId(generated.complaintId);
    let previousHash = GENESIS_HASH;
    generated.events.forEach((event, index) => {
      // the stored jsonb is the JSON text's; chained from the same parsed value (no undefined members)
      const data: unknown = JSON.parse(JSON.stringify(event.data));
      const actor: unknown = JSON.parse(JSON.stringify(event.actor));
      const schemaVersion = schemaVersionOf(event);
      const { canonical, hash } = chainEvent({
        streamId,
        position: index + 1,
        id: event.id,
        type: event.type,
        schemaVersion,
        data,
        actor,
        occurredAt: event.occurredAt,
        recordedAt: event.occurredAt,
        previousHash,
      });
      const r = columns.rows;
      r.streamIds.push(streamId);
      r.positions.push(index + 1);
      r.ids.push(event.id);
      r.types.push(event.type);
      r.versions.push(schemaVersion);
      r.data.push(JSON.stringify(data));
      r.actors.push(JSON.stringify(actor));
      r.occurredAt.push(event.occurredAt);
      r.canonical.push(canonical);
      r.hashes.push(hash);
      r.previous.push(previousHash);
      previousHash = hash;
    });
    const h = columns.heads;
    h.ids.push(streamId);
    h.versions.push(generated.events.length);
    h.hashes.push(previousHash);
    h.created.push(generated.events[0].occurredAt);
    h.updated.push(generated.events[generated.events.length - 1].occurredAt);
  }
  return columns;
}

async function writeColumns(db: DataSource, { heads, rows }: Columns): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO streams (stream_id, stream_type, version, head_hash, created_at, updated_at)
       SELECT id, $6, version, head, created, updated
         FROM unnest($1::text[], $2::integer[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS u(id, version, head, created, updated)`,
      [heads.ids, heads.versions, heads.hashes, heads.created, heads.updated, COMPLAINT_STREAM_TYPE],
    );
    await tx.query(
      `INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, actor, occurred_at, recorded_at,
                           canonical, hash, previous_hash)
       SELECT s, p, id, t, v, d, a, o, o, c, h, ph
         FROM unnest($1::text[], $2::integer[], $3::uuid[], $4::text[], $5::integer[], $6::jsonb[], $7::jsonb[], $8::timestamptz[],
                     $9::text[], $10::text[], $11::text[]) WITH ORDINALITY AS u(s, p, id, t, v, d, a, o, c, h, ph, n)
        ORDER BY n`,
      [rows.streamIds, rows.positions, rows.ids, rows.types, rows.versions, rows.data, rows.actors, rows.occurredAt, rows.canonical, rows.hashes, rows.previous],
    );
  });
}

export interface ReportStoreOptions {
  cases: number;
  policy: Policy;
  /** the months the cases are received over */
  from: Date;
  now: Date;
  seed?: number;
}

export async function generateReportStore(db: DataSource, options: ReportStoreOptions): Promise<ReportStore> {
  const history: HistoryOptions = { policy: options.policy, calendar: calendarFor(options.policy.calendar), from: options.from, to: options.now, now: options.now };
  const random = seededRandom(options.seed ?? 20_261_202);
  const refused = { count: 0 };
  const progress = startProgress(`generate ${options.cases.toLocaleString('en-GB')} report cases`, options.cases);
  const started = performance.now();
  let next = 0;
  let done = 0;
  let events = 0;
  let openCases = 0;
  const writer = async () => {
    while (next < options.cases) {
      const first = next;
      const count = Math.min(CASES_PER_INSERT, options.cases - first);
      next += count;
      const cases = Array.from({ length: count }, (_, i) => generateCase(first + i + 1, random, history, refused));
      openCases += cases.filter((c) => c.open).length;
      events += cases.reduce((sum, c) => sum + c.events.length, 0);
      await writeColumns(db, chainedColumns(cases));
      done += count;
      progress.update(done);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  progress.stop();
  const generateSeconds = (performance.now() - started) / 1000;

  process.stdout.write('report tables: catch up …\n');
  const catchUpStarted = performance.now();
  const foldedByHarness = await catchUpReports(db, 2_000);
  const catchUpSeconds = (performance.now() - catchUpStarted) / 1000;
  // the generated store is what the engine would have stored: the audit trail's whole-store
  // verification proves it (chain, canonical texts against the columns, heads); a store it
  // refuses is a harness bug, and no figure over it would mean anything
  process.stdout.write('verify the generated store …\n');
  const verifyStarted = performance.now();
  const trustedKey = createPublicKey(createPrivateKey({ key: Buffer.from(BENCH_AUDIT_SIGNING_KEY, 'base64'), format: 'der', type: 'pkcs8' }));
  const verification = await verifyStore(db, { trustedKey });
  const verifySeconds = (performance.now() - verifyStarted) / 1000;
  if (!verification.valid) throw new Error(`the generated report store does not verify: ${verification.problemCount} problems`);
  await db.query('VACUUM ANALYZE events');
  await db.query('VACUUM ANALYZE report_cases');
  await db.query('VACUUM ANALYZE report_promises');
  await db.query('VACUUM ANALYZE report_compensation');
  const [sizes]: Record<string, string>[] = await db.query(
    `SELECT pg_total_relation_size('events')::text AS events,
            pg_total_relation_size('report_cases')::text AS report_cases,
            pg_total_relation_size('report_promises')::text AS report_promises,
            pg_total_relation_size('report_compensation')::text AS report_compensation,
            (SELECT count(*) FROM report_cases)::text AS cases_rows,
            (SELECT count(*) FROM report_promises)::text AS promises_rows,
            (SELECT count(*) FROM report_compensation)::text AS compensation_rows`,
  );
  return {
    cases: options.cases,
    openCases,
    events,
    refusedDecisions: refused.count,
    from: options.from.toISOString(),
    to: options.now.toISOString(),
    generateSeconds,
    catchUpSeconds,
    foldedByHarness,
    verified: { events: verification.eventsChecked, seconds: verifySeconds },
    bytes: {
      events: Number(sizes.events),
      reportCases: Number(sizes.report_cases),
      reportPromises: Number(sizes.report_promises),
      reportCompensation: Number(sizes.report_compensation),
    },
    rows: { reportCases: Number(sizes.cases_rows), reportPromises: Number(sizes.promises_rows), reportCompensation: Number(sizes.compensation_rows) },
  };
}
