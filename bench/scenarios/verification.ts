/**
 * Whole-store verification from the database: a store is generated with `appendToStream`
 * (streams of 100 events, appended 100 at a time by 4 writers), then `verifyStore` runs
 * over everything in the database (the generated streams plus whatever earlier scenarios
 * wrote). The timing covers the whole call: one REPEATABLE READ snapshot, the cursor reads
 * in batches of 5,000 with the per-row column-vs-canonical check in SQL, SHA-256 of each
 * canonical text, the chain links, stream heads and the latest checkpoint.
 */
import { createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToStream } from '../../libs/event-store/src/append-to-stream';
import { verifyStore } from '../../libs/event-store/src/audit/verify-store';
import { BENCH_AUDIT_SIGNING_KEY } from '../support/bench-system';
import { startProgress } from '../support/progress';

const STREAM_LENGTH = 100;
const GENERATORS = 4;

export interface VerificationFigures {
  generatedEvents: number;
  eventsChecked: number;
  seconds: number;
  eventsPerSecond: number;
  valid: boolean;
  problemCount: number;
}

export async function generateStore(db: DataSource, events: number): Promise<number> {
  const streams = Math.ceil(events / STREAM_LENGTH);
  const progress = startProgress('generate store for verification', streams * STREAM_LENGTH);
  let next = 0;
  let written = 0;
  const generator = async () => {
    while (next < streams) {
      next += 1;
      const streamId = `bench-verify-${randomUUID()}`;
      const occurredAt = new Date().toISOString();
      await db.transaction((tx) =>
        appendToStream(tx, {
          streamId,
          streamType: 'bench',
          expectedVersion: 0,
          recordedAt: new Date(),
          events: Array.from({ length: STREAM_LENGTH }, (_, i) => ({
            id: randomUUID(),
            type: 'BenchEventRecorded',
            schemaVersion: 1,
            data: { n: i, text: `Charged twice for invoice 2026/${i}`, amount: { minor: 1999, currency: 'EUR' } },
            actor: { principal: 'bench', role: 'agent' },
            occurredAt,
          })),
        }),
      );
      written += STREAM_LENGTH;
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
