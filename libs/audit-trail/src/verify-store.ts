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
 * the database was most of the cost of a whole-store verification. A large store's fast
 * pass is split into key ranges of streams screened side by side in worker threads, one
 * per core, in this transaction's exported snapshot (`screen-parts.ts`).
 */
import type { KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { ClientBase } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ChainVerifier, type ChainExpectations, type ChainRow } from './verification/chain-verifier';
import { checkCheckpoint } from './verification/checkpoint-check';
import type { StreamHead } from './verification/stream-head';
import { ProblemList, type VerificationReport } from './verification/verification-report';
import { checkpointHeads, latestCheckpoint, type StoredCheckpoint } from './checkpoint-store';
import { screenPart, WHOLE_STORE, type PartOutcome } from './screen-part';
import { screenInWorkers, splitByEvents } from './screen-parts';

const BATCH = 5_000;
/** streams the fast pass left over are re-read this many at a time */
const STREAMS_PER_REREAD = 500;
/** below this many events (by the recorded heads) the fast pass runs in one part: starting threads would cost more */
const EVENTS_PER_EXTRA_PART = 50_000;

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
  /**
   * how many key ranges of streams the fast pass reads side by side, each in a worker
   * thread; default: one per core (`os.availableParallelism()`), fewer on a small store
   */
  parts?: number;
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

  // in the database's order of stream ids: the fast pass's key ranges are cut along it
  const headRows: { stream_id: string; version: number; head_hash: string }[] = streamId
    ? await tx.query('SELECT stream_id, version, head_hash FROM streams WHERE stream_id = $1', [streamId])
    : await tx.query('SELECT stream_id, version, head_hash FROM streams ORDER BY stream_id');
  const orderedHeads: StreamHead[] = headRows.map((r) => ({ streamId: r.stream_id, version: r.version, headHash: r.head_hash }));
  const recorded = new Map<string, StreamHead>(orderedHeads.map((head) => [head.streamId, head]));

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
    const outcomes = await screenAllEvents(runner, orderedHeads, options.parts, {
      recordedHead: (id) => recorded.get(id),
      checkpointedHead: (id) => checkpointed.get(id),
    });
    streams = 0;
    const unproven: string[] = [];
    for (const outcome of outcomes) {
      streams += outcome.streams;
      outcome.proven.forEach((id, i) => verifier.addProvenStream(id, outcome.provenEvents[i]));
      unproven.push(...outcome.unproven);
    }
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

/**
 * The fast pass: every event, by binary COPY, ordered by stream and position, through the
 * screen; in this transaction, or in parts on other connections in its exported snapshot.
 */
async function screenAllEvents(
  runner: QueryRunner,
  orderedHeads: readonly StreamHead[],
  wantedParts: number | undefined,
  expectations: Pick<ChainExpectations, 'recordedHead' | 'checkpointedHead'>,
): Promise<PartOutcome[]> {
  const client = pgClient(await runner.connect());
  const events = orderedHeads.reduce((sum, head) => sum + head.version, 0);
  const parts = splitByEvents(orderedHeads, wantedParts ?? Math.min(availableParallelism(), 1 + Math.floor(events / EVENTS_PER_EXTRA_PART)));
  if (parts.length < 2) return [await screenPart(client, WHOLE_STORE, expectations)];
  const [{ snapshot }] = (await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')).rows;
  return screenInWorkers(client, snapshot, parts, expectations.checkpointedHead);
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
