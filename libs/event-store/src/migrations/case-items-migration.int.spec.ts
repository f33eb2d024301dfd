/**
 * Migration 1763900001100 on a store written by the code before it: a case whose
 * projection row holds the whole folded state (every list inside it) reads back the same
 * after the migration, its lists now item rows and its summary fixed in size, and the
 * projection rebuild finds nothing to change.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '../../../../test/support/fresh-database';
import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import { decideAddNote, decideIntake, foldEvents, isAtRisk, isBreached, CURRENT_SCHEMA_VERSION } from '../../../domain/src';
import { appendToStream } from '../append-to-stream';
import { readCaseState } from '../case-projection';
import { complaintStreamId, loadComplaintEvents } from '../complaint-stream';
import { createDataSource, MIGRATIONS, openDatabase, runMigrations } from '../data-source';
import { rebuildCaseProjections } from '../projection-rebuild';
import { CaseItems1763900001100 } from './1763900001100-case-items';

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let db: DataSource | undefined;

beforeAll(async () => {
  database = await createFreshDatabase();
});

afterAll(async () => {
  if (db?.isInitialized) await db.destroy();
  await database.drop();
});

const { policy, calendar } = loadPolicy('default.yaml');

it('moves every list of a stored case into its own rows and reads the same case back', async () => {
  const before = createDataSource({ url: database.url });
  before.setOptions({ migrations: MIGRATIONS.filter((m) => m !== CaseItems1763900001100) });
  await before.initialize();
  await runMigrations(before);

  // a case as the code before the migration wrote it: events, then the row with the whole state
  const complaintId = randomUUID();
  const now = new Date('2026-11-24T10:00:00.000Z');
  const intake = decideIntake(
    {
      customer: { id: `cust-${complaintId}`, name: 'Zofia Wiśniewska', email: 'zofia@example.pl', phone: null, segment: 'retail', language: 'pl' },
      channel: 'email',
      category: 'billing',
      summary: 'Podwójne obciążenie karty',
      description: 'Zapłaciłam dwa razy za fakturę 2026/114 😡',
      severity: null,
      desiredOutcome: 'zwrot',
      receivedAt: null,
      callbackUrl: null,
    },
    { complaintId, reference: 'CR-2026-990001', now, actor: { principal: 'desk-1', role: 'intake' }, policy, calendar, eventIds: [randomUUID(), randomUUID()] },
  );
  let state = foldEvents(intake.map((e) => ({ ...e, hash: '' })));
  const notes = ['Klientka dzwoniła', 'שוחחתי עם הלקוחה', 'Zwrot zlecony ✅'].flatMap((text, i) => {
    const note = decideAddNote(state, { text }, { actor: { principal: 'alice', role: 'agent' }, now: new Date(now.getTime() + (i + 1) * 60_000), eventId: randomUUID() });
    state = foldEvents([...intake, ...note].map((e) => ({ ...e, hash: '' })));
    return note;
  });
  const streamId = complaintStreamId(complaintId);
  await appendToStream(before.manager, {
    streamId,
    streamType: 'complaint',
    expectedVersion: 0,
    recordedAt: now,
    events: [...intake, ...notes].map((e) => ({ ...e, schemaVersion: CURRENT_SCHEMA_VERSION[e.type] })),
  });
  const old = foldEvents(await loadComplaintEvents(before.manager, complaintId));
  await before.query('SELECT upsert_complaint_case($1::jsonb, $2::jsonb)', [
    JSON.stringify({
      id: old.id,
      reference: old.reference,
      stream_id: streamId,
      status: old.status,
      closure: old.closure,
      severity: old.severity,
      category: old.category,
      channel: old.channel,
      owner: old.owner,
      customer_id: old.customer.id,
      segment: old.customer.segment,
      escalation_level: old.escalationLevel,
      filed_by: old.filedBy,
      promised_resolution_by: old.deadlines?.promisedResolutionBy ?? null,
      received_at: old.receivedAt,
      updated_at: old.updatedAt,
      version: old.version,
      breached: isBreached(old),
      at_risk: isAtRisk(old),
      possible_duplicate_of: old.possibleDuplicateOf,
    }),
    JSON.stringify(old),
  ]);
  await before.destroy();

  db = await openDatabase({ url: database.url });

  expect(await readCaseState(db.manager, complaintId)).toEqual(JSON.parse(JSON.stringify(old)));
  const items: { list: string; position: number }[] = await db.query(
    'SELECT list, position FROM complaint_case_items WHERE complaint_id = $1 ORDER BY list, position',
    [complaintId],
  );
  expect(items.filter((i) => i.list === 'notes').map((i) => i.position)).toEqual([0, 1, 2]);
  expect(items.filter((i) => i.list === 'promises')).toHaveLength(old.promises.length);
  const [{ state: summary }]: { state: Record<string, unknown> }[] = await db.query('SELECT state FROM complaint_cases WHERE id = $1', [complaintId]);
  expect(Object.values(summary).some(Array.isArray)).toBe(false);
  const report = await rebuildCaseProjections(db, { write: false });
  expect(report).toMatchObject({ cases: 1, identical: 1, differing: [] });
});
