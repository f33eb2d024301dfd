/**
 * Verification of the stored chains, from the database: one stream or the whole store,
 * in one consistent snapshot (REPEATABLE READ, read only), hashed exactly as stored, and
 * compared with the latest signed checkpoint, whose own root and signature are checked
 * first.
 *
 * Two readers share the snapshot. The reference reader (one stream, and every stream the
 * fast pass could not prove clean) lets PostgreSQL compare each row's columns with its
 * canonical text parsed as jsonb, and feeds `ChainVerifier`, which finds and describes the
 * problems. The whole store is first read by the fast pass: the rows streamed by binary
 * COPY and checked in Node by `ChainScreen`, which proves streams clean (the same rules,
 * the columns compared with the canonical text byte for byte) but never reports: whatever
 * it cannot prove goes to the reference reader. Parsing every canonical text as jsonb in
 * the database was most of the cost of a whole-store verification.
 */
import type { KeyObject } from 'node:crypto';
import type { ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ChainVerifier, type ChainRow } from './verification/chain-verifier';
import { checkCheckpoint } from './verification/checkpoint-check';
import type { StreamHead } from './verification/stream-head';
import { ProblemList, type VerificationReport } from './verification/verification-report';
import { BinaryCopyParser } from './binary-copy-parser';
import { ChainScreen, SCREEN_COLUMNS } from './chain-screen';
import { checkpointHeads, latestCheckpoint, type StoredCheckpoint } from './checkpoint-store';

const BATCH = 5_000;
/** streams the fast pass left over are re-read this many at a time */
const STREAMS_PER_REREAD = 500;

export interface StoreVerification extends VerificationReport {
  /** all problems found (only the first MAX_LISTED_PROBLEMS are listed) */
  problemCount: number;
  problemsTruncated: boolean;
  streamsChecked: number;
  checkpoint: { id: string; createdAt: string; root: string; streamCount: number } | null;
  verifiedAt: string;
}

/** The reference reader: does each row say, column by column, what its canonical text says? */
const ROW_SELECT = `
  SELECT e.stream_id, e.stream_position, e.canonical, e.hash, e.previous_hash,
         coalesce(j.c IS NOT NULL
           AND j.c->>'streamId' = e.stream_id
           AND j.c->'position' = to_jsonb(e.stream_position)
           AND j.c->>'id' = e.event_id::text
           AND j.c->>'type' = e.type
           AND j.c->'schemaVersion' = to_jsonb(e.schema_version)
           AND j.c->'data' = e.data
           AND j.c->'actor' = e.actor
           AND j.c->>'previousHash' = e.previous_hash
           AND pg_input_is_valid(j.c->>'occurredAt', 'timestamptz')
           AND pg_input_is_valid(j.c->>'recordedAt', 'timestamptz')
           AND (j.c->>'occurredAt')::timestamptz = e.occurred_at
           AND (j.c->>'recordedAt')::timestamptz = e.recorded_at, false) AS content_matches
    FROM events e
    CROSS JOIN LATERAL (SELECT CASE WHEN pg_input_is_valid(e.canonical, 'jsonb') THEN e.canonical::jsonb END AS c
                        OFFSET 0) j`; // OFFSET 0 keeps the subquery apart: the text is parsed once per row, not once per use of j.c

interface Row {
  stream_id: string;
  stream_position: number;
  canonical: string;
  hash: string;
  previous_hash: string;
  content_matches: boolean;
}

const toChainRow = (r: Row): ChainRow => ({
  streamId: r.stream_id,
  position: r.stream_position,
  canonical: r.canonical,
  hash: r.hash,
  previousHash: r.previous_hash,
  contentMatches: r.content_matches,
});

export interface VerifyOptions {
  /** the engine's public key: checkpoints must verify with it */
  trustedKey: KeyObject | undefined;
  /** verify this stream only (the checkpoint is still checked whole) */
  streamId?: string;
}

export async function verifyStore(db: DataSource, options: VerifyOptions): Promise<StoreVerification> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const result = await verifyInSnapshot(runner, options);
    await runner.query('COMMIT');
    return result;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

async function verifyInSnapshot(runner: QueryRunner, options: VerifyOptions): Promise<StoreVerification> {
  const tx = runner.manager;
  const { streamId } = options;
  const problems = new ProblemList();

  const headRows: { stream_id: string; version: number; head_hash: string }[] = streamId
    ? await tx.query('SELECT stream_id, version, head_hash FROM streams WHERE stream_id = $1', [streamId])
    : await tx.query('SELECT stream_id, version, head_hash FROM streams');
  const recorded = new Map<string, StreamHead>(
    headRows.map((r) => [r.stream_id, { streamId: r.stream_id, version: r.version, headHash: r.head_hash }]),
  );

  const checkpoint: StoredCheckpoint | null = await latestCheckpoint(tx);
  const checkpointed = new Map<string, StreamHead>();
  if (checkpoint) {
    const heads = await checkpointHeads(tx, checkpoint.id);
    for (const problem of checkCheckpoint(checkpoint, heads, options.trustedKey)) problems.add(problem);
    for (const head of heads) if (!streamId || head.streamId === streamId) checkpointed.set(head.streamId, head);
  }

  const verifier = new ChainVerifier(
    {
      recordedHead: (id) => recorded.get(id),
      checkpointedHead: (id) => checkpointed.get(id),
      expectedStreams: () => new Set([...recorded.keys(), ...checkpointed.keys()]),
    },
    problems,
  );
  let streams: number;
  if (streamId) {
    const rows: Row[] = await tx.query(`${ROW_SELECT} WHERE e.stream_id = $1 ORDER BY e.stream_position`, [streamId]);
    for (const row of rows) verifier.add(toChainRow(row));
    streams = 1;
  } else {
    const unproven: string[] = [];
    const screen = new ChainScreen(
      { recordedHead: (id) => recorded.get(id), checkpointedHead: (id) => checkpointed.get(id) },
      { onProven: (id, events) => verifier.addProvenStream(id, events), onUnproven: (id) => unproven.push(id) },
    );
    await screenAllEvents(runner, screen);
    streams = screen.streams;
    for (let from = 0; from < unproven.length; from += STREAMS_PER_REREAD) {
      await referenceRead(tx, unproven.slice(from, from + STREAMS_PER_REREAD), (row) => verifier.add(toChainRow(row)));
    }
  }

  const report = verifier.finish();
  return {
    ...report,
    streamsChecked: streams,
    checkpoint: checkpoint
      ? { id: checkpoint.id, createdAt: checkpoint.createdAt, root: checkpoint.root, streamCount: checkpoint.streamCount }
      : null,
    verifiedAt: new Date().toISOString(),
  };
}

/** The fast pass: every event, by binary COPY, ordered by stream and position, through the screen. */
async function screenAllEvents(runner: QueryRunner, screen: ChainScreen): Promise<void> {
  const client = pgClient(await runner.connect());
  const parser = new BinaryCopyParser(SCREEN_COLUMNS.length, screen.row);
  const copy = client.query(
    copyTo(`COPY (SELECT ${SCREEN_COLUMNS.join(', ')} FROM events ORDER BY stream_id, stream_position) TO STDOUT (FORMAT binary)`),
  );
  // a failure while parsing must not leave the connection in the middle of a COPY: read to the end
  let failure: unknown;
  for await (const chunk of copy) {
    if (failure !== undefined) continue;
    try {
      parser.push(chunk as Buffer);
    } catch (error) {
      failure = error;
    }
  }
  if (failure !== undefined) throw failure;
  parser.end();
  screen.finish();
}

/** The reference reader over some streams, in stream and position order, through a cursor. */
async function referenceRead(tx: EntityManager, streamIds: string[], feed: (row: Row) => void): Promise<void> {
  // the whole result is read: plan for total time, not for the first rows
  await tx.query('SET LOCAL cursor_tuple_fraction = 1');
  await tx.query(
    `DECLARE verify_events NO SCROLL CURSOR FOR ${ROW_SELECT} WHERE e.stream_id = ANY($1::text[]) ORDER BY e.stream_id, e.stream_position`,
    [streamIds],
  );
  for (;;) {
    const rows: Row[] = await tx.query(`FETCH ${BATCH} FROM verify_events`);
    if (rows.length === 0) break;
    for (const row of rows) feed(row);
  }
  await tx.query('CLOSE verify_events');
}

function pgClient(connection: unknown): ClientBase {
  if (typeof connection !== 'object' || connection === null || typeof (connection as ClientBase).query !== 'function') {
    throw new Error('verifyStore needs a node-postgres connection');
  }
  return connection as ClientBase;
}
