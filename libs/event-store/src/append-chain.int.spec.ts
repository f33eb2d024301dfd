/**
 * The chain finished in SQL: `append_to_stream` puts the head hash between the two pieces
 * of canonical text Node sent and hashes the UTF-8 bytes. What it stores must be byte for
 * byte what Node's `chainEvent` gives for the same content, whatever the script.
 */
import { randomUUID } from 'node:crypto';
import { migratedFreshDatabase } from '../../../test/support/fresh-database';
import { appendToStream, prepareAppend, type AppendOutcomeRow, type EventToAppend } from './append-to-stream';
import { chainEvent, GENESIS_HASH } from './event-hash';
import { readStream } from './read-stream';
import { SqlParameters } from './sql-parameters';

const store = migratedFreshDatabase();

const TEXTS = [
  'Zażółć gęślą jaźń: klientka zapłaciła dwa razy za fakturę 2026/11',
  'הזמנתי לפני שבועיים ועדיין לא קיבלתי את החבילה',
  'Paczka 📦 nie dotarła 😡 👩‍👩‍👧 🇵🇱 — "pilne" \\ \n nowa linia',
  'ascii only',
];

function event(text: string, index: number): EventToAppend {
  return {
    id: randomUUID(),
    type: 'NoteAdded',
    schemaVersion: 1,
    data: { noteId: `n-${index}`, text, 'klucz ż': { 'שם': 'נועה לוי', list: [1, 2.5, null, true] } },
    actor: { principal: 'ewa.żak', role: 'agent' },
    occurredAt: new Date(Date.UTC(2026, 10, 24, 10, index)).toISOString(),
  };
}

describe('given events in Polish, Hebrew and emoji', () => {
  it('stores the canonical text and hash chainEvent gives, linked from genesis', async () => {
    const streamId = `complaint-${randomUUID()}`;
    const recordedAt = new Date('2026-11-24T10:05:00.123Z');
    const first = TEXTS.slice(0, 2).map(event);
    const second = TEXTS.slice(2).map((t, i) => event(t, i + 2));
    const appended = [
      await appendToStream(store.db.manager, { streamId, streamType: 'complaint', expectedVersion: 0, events: first, recordedAt }),
      await appendToStream(store.db.manager, { streamId, streamType: 'complaint', expectedVersion: 2, events: second, recordedAt }),
    ];

    const stored = await readStream(store.db.manager, streamId);
    const sent = [...first, ...second];
    let previousHash = GENESIS_HASH;
    stored.forEach((row, index) => {
      const e = sent[index];
      const expected = chainEvent({
        streamId,
        position: index + 1,
        id: e.id,
        type: e.type,
        schemaVersion: e.schemaVersion,
        data: e.data,
        actor: e.actor,
        occurredAt: e.occurredAt,
        recordedAt: recordedAt.toISOString(),
        previousHash,
      });
      expect(row.canonical).toBe(expected.canonical);
      expect(row.hash).toBe(expected.hash);
      expect(row.previousHash).toBe(previousHash);
      previousHash = expected.hash;
    });
    // what the append answered is what was stored
    expect(appended.flatMap((a) => a.events.map(({ canonical, hash, previousHash: p, globalPosition }) => ({ canonical, hash, p, globalPosition })))).toEqual(
      stored.map(({ canonical, hash, previousHash: p, globalPosition }) => ({ canonical, hash, p, globalPosition })),
    );
    expect(appended[1].headHash).toBe(previousHash);
    const [{ head_hash }] = await store.db.query('SELECT head_hash FROM streams WHERE stream_id = $1', [streamId]);
    expect(head_hash).toBe(previousHash);
  });

  it('refuses, and writes nothing, when the hashes the caller computed differ from its own', async () => {
    const streamId = `complaint-${randomUUID()}`;
    const prepared = prepareAppend(
      { streamId, streamType: 'complaint', expectedVersion: 0, events: [event(TEXTS[1], 0)], recordedAt: new Date() },
      GENESIS_HASH,
    );
    const params = new SqlParameters();
    const call = prepared.call(params);
    params.values[params.values.length - 1] = ['f'.repeat(64)];

    await expect(store.db.query(`SELECT * FROM ${call}`, params.values)).rejects.toThrow(/differ from the ones the caller computed/);
    expect(await readStream(store.db.manager, streamId)).toHaveLength(0);
  });

  it('answers wrong-head, and writes nothing, when the stream is not at the head the caller named', async () => {
    const streamId = `complaint-${randomUUID()}`;
    const first = await appendToStream(store.db.manager, {
      streamId, streamType: 'complaint', expectedVersion: 0, events: [event(TEXTS[0], 0)], recordedAt: new Date(),
    });
    const prepared = prepareAppend(
      { streamId, streamType: 'complaint', expectedVersion: 1, events: [event(TEXTS[2], 1)], recordedAt: new Date() },
      'a'.repeat(64),
    );
    const params = new SqlParameters();
    const [row]: AppendOutcomeRow[] = await store.db.query(`SELECT * FROM ${prepared.call(params)}`, params.values);

    expect(row).toMatchObject({ outcome: 'wrong-head', actual_version: 1, previous_head: first.headHash });
    expect(await readStream(store.db.manager, streamId)).toHaveLength(1);
  });
});
