/**
 * Event versions on a real store: a version-1 event stored as such is read, through the
 * store's read path, as the current shape by the registered upcaster — here with a
 * registry in which NoteAdded has moved on to version 2 (the shipped versions stay as
 * they are: they are what new events are written with). Reading never rewrites: the
 * stored row and its hash chain stay exactly as recorded.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '../../../test/support/fresh-database';
import { CURRENT_SCHEMA_VERSION, EVENT_SCHEMAS, UnknownEventError, type EventSchemas, type Upcaster } from '../../domain/src';
import { appendToStream } from './append-to-stream';
import { verifyStore } from '../../audit-trail/src';
import { readRecordedEvent, toRecordedEvent } from './recorded-event';
import { openDatabase } from './data-source';
import { readStream } from './read-stream';

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let db: DataSource;

/** NoteAdded version 2 says who may see a note; every version-1 note was internal. */
const noteAddedV2: EventSchemas = {
  current: { ...CURRENT_SCHEMA_VERSION, NoteAdded: 2 },
  upcasters: new Map<string, Upcaster>([['NoteAdded@1', (data) => ({ ...data, visibility: 'internal' })]]),
};

beforeAll(async () => {
  database = await createFreshDatabase();
  db = await openDatabase({ url: database.url });
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function storeNote(streamId: string, schemaVersion: number, data: unknown) {
  await db.transaction((tx) =>
    appendToStream(tx, {
      streamId,
      streamType: 'complaint',
      expectedVersion: 0,
      recordedAt: new Date(),
      events: [{ id: randomUUID(), type: 'NoteAdded', schemaVersion, data, actor: { principal: 'alice', role: 'agent' }, occurredAt: new Date().toISOString() }],
    }),
  );
  return (await readStream(db.manager, streamId))[0];
}

it('reads a stored version-1 event as the current shape, leaving the stored row as recorded', async () => {
  const stored = await storeNote(`complaint-${randomUUID()}`, 1, { noteId: 'n-1', text: 'Klientka prosi o kontakt' });

  const read = readRecordedEvent(stored, noteAddedV2);

  expect(read).toMatchObject({
    type: 'NoteAdded',
    schemaVersion: 2,
    data: { noteId: 'n-1', text: 'Klientka prosi o kontakt', visibility: 'internal' },
    hash: stored.hash,
  });
  expect(stored).toMatchObject({ schemaVersion: 1, data: { noteId: 'n-1', text: 'Klientka prosi o kontakt' } });
  expect((await verifyStore(db, { trustedKey: undefined })).valid).toBe(true);
});

it('reads with the shipped registry by default, where version 1 is current', () => {
  expect(EVENT_SCHEMAS.current).toBe(CURRENT_SCHEMA_VERSION);
  expect(CURRENT_SCHEMA_VERSION.NoteAdded).toBe(1);
});

it('refuses a stored version it has no upcaster for, rather than guess', async () => {
  const stored = await storeNote(`complaint-${randomUUID()}`, 0, { noteId: 'n-0', body: 'an older shape' });
  expect(() => toRecordedEvent(stored)).toThrow(UnknownEventError);
  expect(() => readRecordedEvent(stored, noteAddedV2)).toThrow(UnknownEventError);
});
