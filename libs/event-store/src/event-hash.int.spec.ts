/**
 * The event hash through the real SQL path: `append_to_stream` (migration 1763900000400)
 * joins the template's pieces around the head hash and hashes in PostgreSQL. What it
 * stores must be exactly the known-answer vectors, and exactly what event-hash.ts gives
 * for random events; the store's verification (the binary-COPY fast pass and the SQL
 * reference reader) must find every such chain valid.
 */
import fc from 'fast-check';
import { to as copyTo } from 'pg-copy-streams';
import type { ClientBase } from 'pg';
import { migratedFreshDatabase } from '../../../test/support/fresh-database';
import { eventToAppend } from '../../../test/support/random-events';
import { appendToStream, type EventToAppend } from './append-to-stream';
import { BinaryCopyParser, ChainScreen, SCREEN_COLUMNS, verifyStore } from '../../audit-trail/src';
import { chainEvent, GENESIS_HASH, type ChainedContent } from './event-hash';
import vectorsFile from './event-hash.vectors.json';

interface Vector {
  name: string;
  content: ChainedContent;
  canonical: string;
  hash: string;
}
const vectors = vectorsFile.vectors as Vector[];

const store = migratedFreshDatabase();

interface StoredRow {
  stream_position: number;
  canonical: string;
  hash: string;
  previous_hash: string;
  sql_hash: string;
}

const storedRows = (streamId: string): Promise<StoredRow[]> =>
  store.db.query(
    `SELECT stream_position, canonical, hash, previous_hash, encode(sha256(convert_to(canonical, 'UTF8')), 'hex') AS sql_hash
       FROM events WHERE stream_id = $1 ORDER BY stream_position`,
    [streamId],
  );

const toAppend = ({ id, type, schemaVersion, data, actor, occurredAt }: ChainedContent): EventToAppend => ({ id, type, schemaVersion, data, actor, occurredAt });

/** Which streams the fast pass of whole-store verification proves clean on its own. */
async function provenByTheFastPass(): Promise<Set<string>> {
  const proven = new Set<string>();
  const heads: { stream_id: string; version: number; head_hash: string }[] = await store.db.query('SELECT stream_id, version, head_hash FROM streams');
  const recorded = new Map(heads.map((h) => [h.stream_id, { streamId: h.stream_id, version: h.version, headHash: h.head_hash }]));
  const screen = new ChainScreen(
    { recordedHead: (id) => recorded.get(id), checkpointedHead: () => undefined },
    { onProven: (id) => proven.add(id), onUnproven: () => undefined },
  );
  const runner = store.db.createQueryRunner();
  try {
    const client = (await runner.connect()) as ClientBase;
    const parser = new BinaryCopyParser(SCREEN_COLUMNS.length, screen.row);
    const copy = client.query(copyTo(`COPY (SELECT ${SCREEN_COLUMNS.join(', ')} FROM events ORDER BY stream_id, stream_position) TO STDOUT (FORMAT binary)`));
    for await (const chunk of copy) parser.push(chunk as Buffer);
    parser.end();
    screen.finish();
  } finally {
    await runner.release();
  }
  return proven;
}

describe('the known-answer vectors appended through append_to_stream', () => {
  const streams = [...new Set(vectors.map((v) => v.content.streamId))];

  beforeAll(async () => {
    for (const streamId of streams) {
      const events = vectors.filter((v) => v.content.streamId === streamId).map((v) => v.content);
      expect(events.map((e) => e.position)).toEqual(events.map((_, i) => i + 1));
      expect(new Set(events.map((e) => e.recordedAt)).size).toBe(1); // one append records them
      await appendToStream(store.db.manager, { streamId, streamType: 'complaint', expectedVersion: 0, events: events.map(toAppend), recordedAt: new Date(events[0].recordedAt) });
    }
  });

  it('are stored with exactly the vectors\' canonical texts, hashes and links', async () => {
    for (const streamId of streams) {
      const expected = vectors.filter((v) => v.content.streamId === streamId);
      const rows = await storedRows(streamId);
      expect(rows).toEqual(
        expected.map((v) => ({ stream_position: v.content.position, canonical: v.canonical, hash: v.hash, previous_hash: v.content.previousHash, sql_hash: v.hash })),
      );
      const [{ head_hash }] = await store.db.query('SELECT head_hash FROM streams WHERE stream_id = $1', [streamId]);
      expect(head_hash).toBe(expected[expected.length - 1].hash);
    }
  });

  it('verify: the fast pass proves those it can read, the reference reader the rest (exponents, escapes)', async () => {
    const proven = await provenByTheFastPass();
    // numbers spelled with an exponent or 16 digits and \u escapes are left to the reference reader
    const provable = vectors.filter((v) => !/\\u|e[+-]\d|\d{16}/.test(JSON.stringify([v.content.data, v.content.actor]))).map((v) => v.content.streamId);
    expect(provable.length).toBeGreaterThanOrEqual(5);
    for (const streamId of provable) expect(proven).toContain(streamId);
    for (const streamId of streams) {
      expect(await verifyStore(store.db, { trustedKey: undefined, streamId })).toMatchObject({ valid: true, problems: [] });
    }
  });
});

describe('random events appended through append_to_stream', () => {
  it('are stored byte for byte as event-hash chains them, and verify', async () => {
    const appends = fc.array(fc.array(eventToAppend, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });
    const streamIds: string[] = [];
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(appends, fc.uuid({ version: 4 }), async (batches, streamUuid) => {
        const streamId = `complaint-${streamUuid}-${streamIds.length}`;
        streamIds.push(streamId);
        const sent: ChainedContent[] = [];
        let previousHash = GENESIS_HASH;
        for (const [index, events] of batches.entries()) {
          const recordedAt = new Date(Date.UTC(2026, 10, 24, 10, 0, index, 123));
          // event ids are unique in the store: a batch's ids are this stream's own
          const unique = events.map((e, i) => ({ ...e, id: `${e.id.slice(0, 24)}${String(sent.length + i).padStart(4, '0')}${streamIds.length.toString(16).padStart(8, '0')}` }));
          await appendToStream(store.db.manager, { streamId, streamType: 'complaint', expectedVersion: sent.length, events: unique, recordedAt });
          for (const e of unique) {
            const content: ChainedContent = { ...e, streamId, position: sent.length + 1, recordedAt: recordedAt.toISOString(), previousHash };
            previousHash = chainEvent(content).hash;
            sent.push(content);
          }
        }
        const rows = await storedRows(streamId);
        expect(rows).toEqual(
          sent.map((content) => {
            const { canonical, hash } = chainEvent(content);
            return { stream_position: content.position, canonical, hash, previous_hash: content.previousHash, sql_hash: hash };
          }),
        );
        stored += rows.length;
      }),
      { numRuns: 50 },
    );
    expect(stored).toBeGreaterThanOrEqual(100);
    const whole = await verifyStore(store.db, { trustedKey: undefined });
    expect(whole).toMatchObject({ valid: true, problems: [] });
    expect(whole.eventsChecked).toBeGreaterThanOrEqual(stored);
  });
});
