/**
 * Whole-store verification in parts: key ranges of streams screened side by side in worker
 * threads, each on its own connection in the coordinator's exported snapshot. It must
 * report exactly what the single-core path reports: on random stores (any script, deep
 * data, awkward numbers), clean or tampered in every part, and while others keep writing.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '../../../test/support/fresh-database';
import { eventToAppend } from '../../../test/support/random-events';
import { appendToStream, openDatabase, type EventToAppend } from '../../event-store/src';
import { checkpointSigner, generateSigningKey } from './verification/checkpoint-signature';
import { createCheckpoint } from './checkpoint-store';
import { splitByEvents } from './screen-parts';
import { verifyStore, type StoreVerification } from './verify-store';

const signer = checkpointSigner(generateSigningKey());
const PARTS = 3;

type Tamper = 'data' | 'canonical' | 'deleted';
const TAMPERS: Record<Tamper, string> = {
  data: `UPDATE events SET data = jsonb_build_object('tampered', true) WHERE stream_id = $1 AND stream_position = 1`,
  canonical: `UPDATE events SET canonical = canonical || ' ' WHERE stream_id = $1 AND stream_position = 1`,
  deleted: 'DELETE FROM events WHERE stream_id = $1 AND stream_position = 1',
};

interface Store {
  db: DataSource;
  url: string;
  drop(): Promise<void>;
}

/** A fresh store with these streams (ids random, so they sort in any order), checkpointed halfway. */
async function storeWith(streams: EventToAppend[][]): Promise<Store> {
  const database = await createFreshDatabase();
  const db = await openDatabase({ url: database.url });
  const append = (streamId: string, expectedVersion: number, events: EventToAppend[]) =>
    db.transaction((tx) => appendToStream(tx, { streamId, streamType: 'complaint', expectedVersion, events, recordedAt: new Date() }));
  const ids = streams.map(() => `complaint-${randomUUID()}`);
  for (const [i, events] of streams.entries()) await append(ids[i], 0, events.slice(0, 1));
  await createCheckpoint(db, signer, { createdBy: 'test' });
  for (const [i, events] of streams.entries()) if (events.length > 1) await append(ids[i], 1, events.slice(1));
  return { db, url: database.url, drop: async () => (await db.destroy(), await database.drop()) };
}

async function tamper(store: Store, streamId: string, how: Tamper): Promise<void> {
  const sql = new Client({ connectionString: store.url });
  await sql.connect();
  try {
    await sql.query('SET session_replication_role = replica');
    await sql.query(TAMPERS[how], [streamId]);
  } finally {
    await sql.end();
  }
}

/** The streams of each part, as the verification will cut them. */
async function streamsByPart(db: DataSource): Promise<string[][]> {
  const rows: { stream_id: string; version: number; head_hash: string }[] = await db.query(
    'SELECT stream_id, version, head_hash FROM streams ORDER BY stream_id',
  );
  const heads = rows.map((r) => ({ streamId: r.stream_id, version: r.version, headHash: r.head_hash }));
  return splitByEvents(heads, PARTS).map((part) => part.recorded.map((head) => head.streamId));
}

const withoutTime = (report: StoreVerification) => ({ ...report, verifiedAt: undefined });

async function singleAndInParts(db: DataSource): Promise<StoreVerification> {
  const single = await verifyStore(db, { trustedKey: signer.publicKey, parts: 1 });
  const inParts = await verifyStore(db, { trustedKey: signer.publicKey, parts: PARTS });
  expect(withoutTime(inParts)).toEqual(withoutTime(single));
  return inParts;
}

const randomStreams = (count: number) => fc.array(fc.array(eventToAppend, { minLength: 1, maxLength: 6 }), { minLength: count, maxLength: count });

it('finds a tampered event in each part, as the single-core path does', async () => {
  const [streams] = fc.sample(randomStreams(9), 1);
  const store = await storeWith(streams);
  try {
    const clean = await singleAndInParts(store.db);
    expect(clean).toMatchObject({ valid: true, problems: [], streamsChecked: 9 });

    const parts = await streamsByPart(store.db);
    expect(parts).toHaveLength(PARTS);
    const tampered = parts.map((streamIds, i) => ({ streamId: streamIds[0], how: (['data', 'canonical', 'deleted'] as const)[i] }));
    for (const { streamId, how } of tampered) await tamper(store, streamId, how);

    const report = await singleAndInParts(store.db);
    expect(report.valid).toBe(false);
    expect(report.eventsChecked).toBe(clean.eventsChecked - 1);
    const at = (streamId: string) => report.problems.filter((p) => p.streamId === streamId).map((p) => [p.kind, p.position]);
    expect(at(tampered[0].streamId)).toEqual([['content-mismatch', 1]]);
    expect(at(tampered[1].streamId)).toEqual(expect.arrayContaining([['hash-mismatch', 1]]));
    expect(new Set(report.problems.map((p) => p.streamId))).toEqual(new Set(tampered.map((t) => t.streamId)));
  } finally {
    await store.drop();
  }
});

it('agrees with the single-core path on random stores, tampered at random', async () => {
  await fc.assert(
    fc.asyncProperty(
      randomStreams(6),
      fc.array(fc.option(fc.constantFrom<Tamper>('data', 'canonical', 'deleted')), { minLength: 6, maxLength: 6 }),
      async (streams, tampers) => {
        const store = await storeWith(streams);
        try {
          const rows: { stream_id: string }[] = await store.db.query('SELECT stream_id FROM streams ORDER BY stream_id');
          for (const [i, how] of tampers.entries()) if (how) await tamper(store, rows[i].stream_id, how);
          const report = await singleAndInParts(store.db);
          expect(report.valid).toBe(tampers.every((how) => how === null));
        } finally {
          await store.drop();
        }
      },
    ),
    { numRuns: 4 },
  );
});

it('reads one snapshot in every part while others keep appending', async () => {
  const [streams] = fc.sample(randomStreams(6), 1);
  const store = await storeWith(streams);
  try {
    const before = await verifyStore(store.db, { trustedKey: signer.publicKey, parts: 1 });
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing; n += 1) {
        const [event] = fc.sample(eventToAppend, 1);
        await store.db.transaction((tx) =>
          appendToStream(tx, { streamId: `complaint-late-${n}`, streamType: 'complaint', expectedVersion: 0, events: [event], recordedAt: new Date() }),
        );
      }
    })();
    const during = await Promise.all(Array.from({ length: 3 }, () => verifyStore(store.db, { trustedKey: signer.publicKey, parts: PARTS })));
    writing = false;
    await writer;
    for (const report of during) {
      expect(report).toMatchObject({ valid: true, problems: [] });
      expect(report.eventsChecked).toBeGreaterThanOrEqual(before.eventsChecked);
      // every stream a part saw has its head in the same snapshot: nothing half-seen
      expect(report.eventsChecked - before.eventsChecked).toBe(report.streamsChecked - before.streamsChecked);
    }
  } finally {
    await store.drop();
  }
});
