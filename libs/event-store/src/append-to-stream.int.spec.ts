/**
 * appendToStream on a real PostgreSQL: compare-and-set of the stream version, idempotent
 * retries by event id, the hash chain, and append-only enforced by the database itself.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '../../../test/support/fresh-database';
import { appendToStream, type EventToAppend } from './append-to-stream';
import { openDatabase } from './data-source';
import { ConcurrencyError, EventIdConflictError } from './event-store-errors';
import { GENESIS_HASH, hashOfCanonical } from './event-hash';
import { readAllAfter, readStream, START_OF_STORE } from './read-stream';

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let db: DataSource;

beforeAll(async () => {
  database = await createFreshDatabase();
  db = await openDatabase({ url: database.url, poolSize: 12 });
});

afterAll(async () => {
  await db?.destroy();
  await database.drop();
});

function event(type = 'NoteAdded', data: unknown = { text: 'שלום' }): EventToAppend {
  return { id: randomUUID(), type, schemaVersion: 1, data, actor: { principal: 'alice', role: 'agent' }, occurredAt: new Date().toISOString() };
}

function append(streamId: string, expectedVersion: number, events: EventToAppend[]) {
  return db.transaction((tx) =>
    appendToStream(tx, { streamId, streamType: 'test', expectedVersion, events, recordedAt: new Date() }),
  );
}

describe('given a new stream', () => {
  it('appends at expected version 0 and chains every hash to the previous one from genesis', async () => {
    const stream = `s-${randomUUID()}`;
    const first = await append(stream, 0, [event(), event()]);
    const second = await append(stream, 2, [event()]);

    expect(first.version).toBe(2);
    expect(second.version).toBe(3);
    const stored = await readStream(db.manager, stream);
    expect(stored.map((e) => e.position)).toEqual([1, 2, 3]);
    expect(stored[0].previousHash).toBe(GENESIS_HASH);
    for (let i = 0; i < stored.length; i++) {
      expect(hashOfCanonical(stored[i].canonical)).toBe(stored[i].hash);
      if (i > 0) expect(stored[i].previousHash).toBe(stored[i - 1].hash);
    }
    const [{ head_hash }] = await db.query('SELECT head_hash FROM streams WHERE stream_id = $1', [stream]);
    expect(head_hash).toBe(stored[2].hash);
  });
});

describe('when the expected version is stale', () => {
  it('refuses with the actual version and writes nothing', async () => {
    const stream = `s-${randomUUID()}`;
    await append(stream, 0, [event(), event()]);

    const refused = append(stream, 1, [event()]);

    await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(refused).rejects.toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    expect(await readStream(db.manager, stream)).toHaveLength(2);
  });

  it('lets exactly one of 10 concurrent writers at the same version win', async () => {
    const stream = `s-${randomUUID()}`;
    await append(stream, 0, [event()]);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => append(stream, 1, [event()])));

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ConcurrencyError);
    expect(await readStream(db.manager, stream)).toHaveLength(2);
  });

  it('refuses a second creator of the same new stream', async () => {
    const stream = `s-${randomUUID()}`;
    const outcomes = await Promise.allSettled([append(stream, 0, [event()]), append(stream, 0, [event()])]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await readStream(db.manager, stream)).toHaveLength(1);
  });
});

describe('when the same events are appended again (a retried activity)', () => {
  it('succeeds without writing anything', async () => {
    const stream = `s-${randomUUID()}`;
    const events = [event(), event()];
    const first = await append(stream, 0, events);
    const retry = await append(stream, 0, events);

    expect(retry.alreadyRecorded).toBe(true);
    expect(retry.version).toBe(2);
    expect(retry.events.map((e) => e.hash)).toEqual(first.events.map((e) => e.hash));
    expect(await readStream(db.manager, stream)).toHaveLength(2);
  });

  it('refuses the same id with different content', async () => {
    const stream = `s-${randomUUID()}`;
    const original = event('NoteAdded', { text: 'one' });
    await append(stream, 0, [original]);

    await expect(append(stream, 0, [{ ...original, data: { text: 'two' } }])).rejects.toBeInstanceOf(
      EventIdConflictError,
    );
  });
});

describe('the events table', () => {
  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const stream = `s-${randomUUID()}`;
    await append(stream, 0, [event()]);

    await expect(db.query(`UPDATE events SET data = '{}' WHERE stream_id = $1`, [stream])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM events WHERE stream_id = $1', [stream])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE events CASCADE')).rejects.toThrow(/append-only/);
    expect(await readStream(db.manager, stream)).toHaveLength(1);
  });
});

describe('reading all events in global order', () => {
  it('never skips an event whose transaction commits after a later-numbered one', async () => {
    const early = `s-${randomUUID()}`;
    const late = `s-${randomUUID()}`;
    // The slow transaction takes its position first and commits last.
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await appendToStream(runner.manager, { streamId: early, streamType: 'test', expectedVersion: 0, events: [event()], recordedAt: new Date() });
    await append(late, 0, [event()]);

    const [{ max }] = await db.query('SELECT max(global_position)::text AS max FROM events');
    const naive: { stream_id: string }[] = await db.query(
      'SELECT stream_id FROM events WHERE global_position > 0 ORDER BY global_position',
    );
    const fenced = await readAll();
    // a naive reader has now seen `late` and moved its checkpoint past `early`'s position
    expect(naive.map((e) => e.stream_id)).toContain(late);
    expect(naive.map((e) => e.stream_id)).not.toContain(early);
    expect(fenced.map((e) => e.streamId)).not.toContain(late);

    await runner.commitTransaction();
    await runner.release();
    const after: { stream_id: string }[] = await db.query(
      'SELECT stream_id FROM events WHERE global_position > $1 ORDER BY global_position',
      [max],
    );
    expect(after.map((e) => e.stream_id)).not.toContain(early); // the naive reader lost it
    const all = await readAll();
    expect(all.map((e) => e.streamId)).toEqual(expect.arrayContaining([early, late]));
  });
});

async function readAll() {
  const seen = [];
  let checkpoint = START_OF_STORE;
  for (;;) {
    const page = await readAllAfter(db.manager, checkpoint, 1000);
    seen.push(...page.events);
    if (page.events.length === 0) return seen;
    checkpoint = page.checkpoint;
  }
}
