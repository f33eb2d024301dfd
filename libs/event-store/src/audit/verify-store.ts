/**
 * Verification of the stored chains, from the database: one stream or the whole store,
 * in one consistent snapshot (REPEATABLE READ, read only), rows streamed through a cursor
 * in batches and hashed exactly as stored. The columns are compared with the canonical
 * text in SQL (jsonb equality), so nothing is re-canonicalized. Chains are compared with
 * the latest signed checkpoint, whose own root and signature are checked first.
 */
import type { KeyObject } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ChainVerifier, type ChainRow } from '../verification/chain-verifier';
import { checkCheckpoint } from '../verification/checkpoint-check';
import type { StreamHead } from '../verification/stream-head';
import { ProblemList, type VerificationReport } from '../verification/verification-report';
import { checkpointHeads, latestCheckpoint, type StoredCheckpoint } from './checkpoint-store';

const BATCH = 5_000;

export interface StoreVerification extends VerificationReport {
  /** all problems found (only the first MAX_LISTED_PROBLEMS are listed) */
  problemCount: number;
  problemsTruncated: boolean;
  streamsChecked: number;
  checkpoint: { id: string; createdAt: string; root: string; streamCount: number } | null;
  verifiedAt: string;
}

/** Does each row say, column by column, what its canonical text says? */
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
    const result = await verifyInSnapshot(runner.manager, options);
    await runner.query('COMMIT');
    return result;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

async function verifyInSnapshot(tx: EntityManager, options: VerifyOptions): Promise<StoreVerification> {
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
  let streams = 0;
  let lastStream: string | undefined;
  const feed = (rows: Row[]) => {
    for (const row of rows) {
      if (row.stream_id !== lastStream) {
        streams += 1;
        lastStream = row.stream_id;
      }
      verifier.add(toChainRow(row));
    }
  };

  if (streamId) {
    feed(await tx.query(`${ROW_SELECT} WHERE e.stream_id = $1 ORDER BY e.stream_position`, [streamId]));
  } else {
    // the whole result is read: plan for total time, not for the first rows
    await tx.query('SET LOCAL cursor_tuple_fraction = 1');
    await tx.query(`DECLARE verify_events NO SCROLL CURSOR FOR ${ROW_SELECT} ORDER BY e.stream_id, e.stream_position`);
    for (;;) {
      const rows: Row[] = await tx.query(`FETCH ${BATCH} FROM verify_events`);
      if (rows.length === 0) break;
      feed(rows);
    }
    await tx.query('CLOSE verify_events');
  }

  const report = verifier.finish();
  return {
    ...report,
    streamsChecked: Math.max(streams, streamId ? 1 : 0),
    checkpoint: checkpoint
      ? { id: checkpoint.id, createdAt: checkpoint.createdAt, root: checkpoint.root, streamCount: checkpoint.streamCount }
      : null,
    verifiedAt: new Date().toISOString(),
  };
}
