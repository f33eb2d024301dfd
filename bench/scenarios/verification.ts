/**
 * Whole-store verification from the database: a store is generated in bulk (streams of
 * 100 events, the rows exactly as the engine stores them: each event's content chained
 * with `chainEvent`, canonical text and hash beside the columns, the stream head in
 * `streams`; written 100 streams per INSERT by 2 writers), then `verifyStore` runs over
 * everything in the database (the generated streams plus whatever earlier scenarios
 * wrote). The timing covers the whole call: one REPEATABLE READ snapshot, every row by
 * binary COPY (one key range of streams per core, each on its own connection in the
 * exported snapshot and checked in a worker thread), SHA-256 of each canonical text, its columns compared with it, the chain
 * links, stream heads and the latest checkpoint (streams the fast pass cannot prove clean
 * are read again by the reference reader).
 */
import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { chainEvent, GENESIS_HASH } from '../../libs/event-store/src';
import { verifyStore } from '../../libs/audit-trail/src';
import { BENCH_AUDIT_SIGNING_KEY } from '../support/bench-system';
import { startProgress } from '../support/progress';

const STREAM_LENGTH = 100;
const GENERATORS = 2;
const STREAMS_PER_INSERT = 100;

export interface VerificationFigures {
  generatedEvents: number;
  eventsChecked: number;
  seconds: number;
  eventsPerSecond: number;
  valid: boolean;
  problemCount: number;
}

/** The columns of `STREAMS_PER_INSERT` streams, as arrays for one INSERT … SELECT FROM unnest. */
function buildStreams(count: number) {
  const heads = { ids: [] as string[], versions: [] as number[], hashes: [] as string[], at: [] as string[] };
  const rows = {
    streamIds: [] as string[],
    positions: [] as number[],
    ids: [] as string[],
    data: [] as string[],
    actors: [] as string[],
    occurredAt: [] as string[],
    recordedAt: [] as string[],
    canonical: [] as string[],
    hashes: [] as string[],
    previous: [] as string[],
  };
  for (let s = 0; s < count; s += 1) {
    const streamId = `bench-verify-${randomUUID()}`;
    const recordedAt = new Date().toISOString();
    const occurredAt = recordedAt;
    let previousHash = GENESIS_HASH;
    for (let i = 0; i < STREAM_LENGTH; i += 1) {
      const content = {
        streamId,
        position: i + 1,
        id: randomUUID(),
        type: 'BenchEventRecorded',
        schemaVersion: 1,
        data: { n: i, text: `Charged twice for invoice 2026/${i}`, amount: { minor: 1999, currency: 'EUR' } },
        actor: { principal: 'bench', role: 'agent' },
        occurredAt,
        recordedAt,
        previousHash,
      };
      const { canonical, hash } = chainEvent(content);
      rows.streamIds.push(streamId);
      rows.positions.push(content.position);
      rows.ids.push(content.id);
      rows.data.push(JSON.stringify(content.data));
      rows.actors.push(JSON.stringify(content.actor));
      rows.occurredAt.push(occurredAt);
      rows.recordedAt.push(recordedAt);
      rows.canonical.push(canonical);
      rows.hashes.push(hash);
      rows.previous.push(previousHash);
      previousHash = hash;
    }
    heads.ids.push(streamId);
    heads.versions.push(STREAM_LENGTH);
    heads.hashes.push(previousHash);
    heads.at.push(recordedAt);
  }
  return { heads, rows };
}

export async function generateStore(db: DataSource, events: number): Promise<number> {
  const streams = Math.ceil(events / STREAM_LENGTH);
  const progress = startProgress('generate store for verification', streams * STREAM_LENGTH);
  let next = 0;
  let written = 0;
  const generator = async () => {
    while (next < streams) {
      const count = Math.min(STREAMS_PER_INSERT, streams - next);
      next += count;
      const { heads, rows } = buildStreams(count);
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO streams (stream_id, stream_type, version, head_hash, created_at, updated_at)
           SELECT id, 'bench', version, head, at, at FROM unnest($1::text[], $2::integer[], $3::text[], $4::timestamptz[]) AS u(id, version, head, at)`,
          [heads.ids, heads.versions, heads.hashes, heads.at],
        );
        await tx.query(
          `INSERT INTO events (stream_id, stream_position, event_id, type, schema_version, data, actor, occurred_at, recorded_at,
                               canonical, hash, previous_hash)
           SELECT s, p, id, 'BenchEventRecorded', 1, d, a, o, r, c, h, ph
             FROM unnest($1::text[], $2::integer[], $3::uuid[], $4::jsonb[], $5::jsonb[], $6::timestamptz[], $7::timestamptz[],
                         $8::text[], $9::text[], $10::text[]) WITH ORDINALITY AS u(s, p, id, d, a, o, r, c, h, ph, n)
            ORDER BY n`,
          [rows.streamIds, rows.positions, rows.ids, rows.data, rows.actors, rows.occurredAt, rows.recordedAt, rows.canonical, rows.hashes, rows.previous],
        );
      });
      written += count * STREAM_LENGTH;
      progress.update(written);
    }
  };
  await Promise.all(Array.from({ length: GENERATORS }, generator));
  progress.stop();
  return written;
}

export async function measureVerification(db: DataSource, generatedEvents: number): Promise<VerificationFigures> {
  const trustedKey = createPublicKey(
    createPrivateKey({ key: Buffer.from(BENCH_AUDIT_SIGNING_KEY, 'base64'), format: 'der', type: 'pkcs8' }),
  );
  await db.query('VACUUM ANALYZE events');
  process.stdout.write('verify the whole store …\n');
  const started = performance.now();
  const report = await verifyStore(db, { trustedKey });
  const seconds = (performance.now() - started) / 1000;
  return {
    generatedEvents,
    eventsChecked: report.eventsChecked,
    seconds,
    eventsPerSecond: report.eventsChecked / seconds,
    valid: report.valid,
    problemCount: report.problemCount,
  };
}
