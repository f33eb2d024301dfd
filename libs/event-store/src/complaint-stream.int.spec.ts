/**
 * recordComplaintEvents on a real PostgreSQL: events, projection row and outbox rows in
 * one statement; the state of the last write remembered, and a remembered state that the
 * stream has moved past (another process wrote) never written.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { createFreshDatabase } from '../../../test/support/fresh-database';
import { loadPolicy } from '../../../test/support/complaint-fixtures';
import { decideIntake, foldEvents, type NewEvent, type NoteAdded } from '../../domain/src';
import { readCaseState } from './case-projection';
import { loadComplaintEvents, recordComplaintEvents } from './complaint-stream';
import { openDatabase } from './data-source';
import { ConcurrencyError, EventIdConflictError } from './event-store-errors';
import { START_WORKFLOW } from './outbox-kinds';

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let db: DataSource;

beforeAll(async () => {
  database = await createFreshDatabase();
  db = await openDatabase({ url: database.url });
});

afterAll(async () => {
  await db?.destroy();
  await database.drop();
});

const { policy, calendar } = loadPolicy('default.yaml');
const actor = { principal: 'ewa.nowak', role: 'agent' };

function intake(complaintId: string) {
  return decideIntake(
    {
      customer: { id: `cust-${complaintId}`, name: 'נועה לוי', email: null, phone: null, segment: null, language: 'he' },
      channel: 'web',
      category: 'delivery',
      summary: 'Paczka nie dotarła 📦',
      description: 'הזמנתי לפני שבועיים ועדיין לא קיבלתי את החבילה',
      severity: null,
      desiredOutcome: null,
      receivedAt: null,
      callbackUrl: 'https://intake.example/hooks',
    },
    {
      complaintId,
      reference: `CR-2026-${complaintId.slice(0, 6)}`,
      now: new Date('2026-11-24T10:00:00.000Z'),
      actor: { principal: 'desk-1', role: 'intake' },
      policy,
      calendar,
      eventIds: [randomUUID(), randomUUID()],
    },
  );
}

function note(text: string): NewEvent<NoteAdded> {
  return { id: randomUUID(), type: 'NoteAdded', actor, occurredAt: new Date().toISOString(), data: { noteId: randomUUID(), text } };
}

/** The manager, counting the statements sent through it. */
function counted(manager: EntityManager): { manager: EntityManager; statements: () => number } {
  let statements = 0;
  const query = manager.query.bind(manager);
  const wrapper = Object.create(manager) as EntityManager;
  wrapper.query = ((sql: string, parameters?: unknown[]) => {
    statements += 1;
    return query(sql, parameters);
  }) as EntityManager['query'];
  return { manager: wrapper, statements: () => statements };
}

async function expectProjectionIsTheFold(complaintId: string) {
  const folded = foldEvents(await loadComplaintEvents(db.manager, complaintId));
  expect(await readCaseState(db.manager, complaintId)).toEqual(JSON.parse(JSON.stringify(folded)));
  return folded;
}

describe('given a new case', () => {
  it('records intake, projection and outbox in one statement, then each later append in one more', async () => {
    const complaintId = randomUUID();
    const { manager, statements } = counted(db.manager);
    const received = await recordComplaintEvents(manager, {
      complaintId,
      expectedVersion: 0,
      events: intake(complaintId),
      recordedAt: new Date(),
      outbox: [{ kind: START_WORKFLOW, topic: 'complaints', payload: { complaintId } }],
    });
    expect(statements()).toBe(1);

    const noted = await recordComplaintEvents(manager, {
      complaintId,
      expectedVersion: 2,
      events: [note('Klientka dzwoniła: פעם שנייה'), note('Zwrot zlecony ✅')],
      recordedAt: new Date(),
    });
    expect(statements()).toBe(2);

    expect(received.state.version).toBe(2);
    expect(noted).toMatchObject({ alreadyRecorded: false, state: { version: 4 } });
    const folded = await expectProjectionIsTheFold(complaintId);
    expect(noted.state).toEqual(folded);
    expect(noted.state.headHash).toBe(noted.events[1].hash);
    const outbox: { kind: string }[] = await db.query('SELECT kind FROM outbox WHERE stream_id = $1 ORDER BY id', [
      `complaint-${complaintId}`,
    ]);
    expect(outbox.map((m) => m.kind)).toEqual([START_WORKFLOW, 'send-webhook']);
  });

  it('answers a retry with what was recorded, refuses reused ids and stale versions, and writes nothing', async () => {
    const complaintId = randomUUID();
    await recordComplaintEvents(db.manager, { complaintId, expectedVersion: 0, events: intake(complaintId), recordedAt: new Date() });
    const notes = [note('pierwsza')];
    const first = await recordComplaintEvents(db.manager, { complaintId, expectedVersion: 2, events: notes, recordedAt: new Date() });

    const retry = await recordComplaintEvents(db.manager, { complaintId, expectedVersion: 2, events: notes, recordedAt: new Date() });
    expect(retry.alreadyRecorded).toBe(true);
    expect(retry.events.map((e) => e.hash)).toEqual(first.events.map((e) => e.hash));
    expect(retry.state.version).toBe(3);

    const reused = { ...notes[0], data: { ...notes[0].data, text: 'inna treść' } };
    await expect(
      recordComplaintEvents(db.manager, { complaintId, expectedVersion: 2, events: [reused], recordedAt: new Date() }),
    ).rejects.toBeInstanceOf(EventIdConflictError);
    const stale = recordComplaintEvents(db.manager, { complaintId, expectedVersion: 2, events: [note('spóźniona')], recordedAt: new Date() });
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(stale).rejects.toMatchObject({ expectedVersion: 2, actualVersion: 3 });
    expect(await loadComplaintEvents(db.manager, complaintId)).toHaveLength(3);
    await expectProjectionIsTheFold(complaintId);
  });
});

describe('when another process wrote the version this process remembers', () => {
  it('refuses the remembered state, reads the projection row and folds onto it', async () => {
    const complaintId = randomUUID();
    await recordComplaintEvents(db.manager, { complaintId, expectedVersion: 0, events: intake(complaintId), recordedAt: new Date() });
    // this process writes version 3 in a transaction that rolls back: it remembers a state that never was
    await db
      .transaction(async (tx) => {
        await recordComplaintEvents(tx, { complaintId, expectedVersion: 2, events: [note('wycofana')], recordedAt: new Date() });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    // another process (its own module instance, its own memory) writes version 3
    let other: typeof import('./complaint-stream') | undefined;
    jest.isolateModules(() => {
      other = jest.requireActual<typeof import('./complaint-stream')>('./complaint-stream');
    });
    await other!.recordComplaintEvents(db.manager, { complaintId, expectedVersion: 2, events: [note('ta została')], recordedAt: new Date() });

    const { manager, statements } = counted(db.manager);
    const next = await recordComplaintEvents(manager, { complaintId, expectedVersion: 3, events: [note('następna')], recordedAt: new Date() });

    expect(statements()).toBe(3); // refused (wrong head), read the row, appended
    const folded = await expectProjectionIsTheFold(complaintId);
    expect(next.state).toEqual(folded);
    expect(folded.notes.map((n) => n.text)).toEqual(['ta została', 'następna']);
  });

  it('reads the projection row when it remembers nothing of the case', async () => {
    const complaintId = randomUUID();
    let other: typeof import('./complaint-stream') | undefined;
    jest.isolateModules(() => {
      other = jest.requireActual<typeof import('./complaint-stream')>('./complaint-stream');
    });
    await other!.recordComplaintEvents(db.manager, { complaintId, expectedVersion: 0, events: intake(complaintId), recordedAt: new Date() });

    const { manager, statements } = counted(db.manager);
    await recordComplaintEvents(manager, { complaintId, expectedVersion: 2, events: [note('עדכון')], recordedAt: new Date() });

    expect(statements()).toBe(2);
    await expectProjectionIsTheFold(complaintId);
  });
});
