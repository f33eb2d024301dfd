/**
 * recordComplaintEvents on a real PostgreSQL: events, the case's read-model changes and
 * outbox rows in one statement, written as the deciding fold gave them (the store folds
 * nothing and reads nothing first); an append writes only what its events changed; a
 * decision on a stale version or head is refused and writes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { migratedFreshDatabase } from '../../../test/support/fresh-database';
import { loadPolicy } from '../../../test/support/complaint-fixtures';
import { decideIntake, foldEvents, withHead, type ComplaintState, type NewEvent, type NoteAdded } from '../../domain/src';
import { readCaseState } from './case-projection';
import { decidedOn, loadComplaintEvents, recordComplaintEvents, recordComplaintIntake, type IntakeClaim } from './complaint-stream';
import { ConcurrencyError, EventIdConflictError } from './event-store-errors';
import { START_WORKFLOW } from './outbox-kinds';

const store = migratedFreshDatabase();

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

/** Record events decided on `before` (null: a new case) as their decider does; the case after them. */
async function record(
  manager: EntityManager,
  complaintId: string,
  before: ComplaintState | null,
  events: readonly NewEvent[],
  outbox?: { kind: string; topic: string; payload: unknown }[],
) {
  const { folded, ...action } = decidedOn(before, events);
  const recorded = await recordComplaintEvents(manager, { complaintId, ...action, recordedAt: new Date(), outbox });
  return { ...recorded, state: withHead(folded.state, recorded.events[recorded.events.length - 1].hash) };
}

async function expectProjectionIsTheFold(complaintId: string) {
  const folded = foldEvents(await loadComplaintEvents(store.db.manager, complaintId));
  expect(await readCaseState(store.db.manager, complaintId)).toEqual(JSON.parse(JSON.stringify(folded)));
  return folded;
}

describe('given a new case', () => {
  it('records intake, its read model and outbox in one statement, then each later append in one more', async () => {
    const complaintId = randomUUID();
    const { manager, statements } = counted(store.db.manager);
    const received = await record(manager, complaintId, null, intake(complaintId), [
      { kind: START_WORKFLOW, topic: 'complaints', payload: { complaintId } },
    ]);
    expect(statements()).toBe(1);

    const noted = await record(manager, complaintId, received.state, [note('Klientka dzwoniła: פעם שנייה'), note('Zwrot zlecony ✅')]);
    expect(statements()).toBe(2);

    expect(received.state.version).toBe(2);
    expect(noted.alreadyRecorded).toBe(false);
    const folded = await expectProjectionIsTheFold(complaintId);
    expect(noted.state).toEqual(folded);
    expect(folded.headHash).toBe(noted.events[1].hash);
    const outbox: { kind: string }[] = await store.db.query('SELECT kind FROM outbox WHERE stream_id = $1 ORDER BY id', [
      `complaint-${complaintId}`,
    ]);
    expect(outbox.map((m) => m.kind)).toEqual([START_WORKFLOW, 'send-webhook']);
  });

  it('writes only what an append changed: the summary row and the new items, never the earlier items again', async () => {
    const complaintId = randomUUID();
    const received = await record(store.db.manager, complaintId, null, intake(complaintId));
    const first = await record(store.db.manager, complaintId, received.state, [note('pierwsza notatka')]);
    const itemVersions = () =>
      store.db.query(`SELECT list, position, xmin::text AS written_by FROM complaint_case_items WHERE complaint_id = $1 ORDER BY list, position`, [complaintId]);
    const before: { list: string; position: number; written_by: string }[] = await itemVersions();

    await record(store.db.manager, complaintId, first.state, [note('druga notatka 📝')]);

    const after: { list: string; position: number; written_by: string }[] = await itemVersions();
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((row) => !before.some((b) => b.list === row.list && b.position === row.position))).toEqual([
      expect.objectContaining({ list: 'notes', position: 1 }),
    ]);
    // every item that was there is the row version that was there: not rewritten
    for (const row of before) expect(after).toContainEqual(row);
    const [{ state }]: { state: Record<string, unknown> }[] = await store.db.query('SELECT state FROM complaint_cases WHERE id = $1', [complaintId]);
    expect(Object.values(state).some(Array.isArray)).toBe(false);
    await expectProjectionIsTheFold(complaintId);
  });

  it('answers a retry with what was recorded, refuses reused ids and stale versions, and writes nothing', async () => {
    const complaintId = randomUUID();
    const received = await record(store.db.manager, complaintId, null, intake(complaintId));
    const notes = [note('pierwsza')];
    const first = await record(store.db.manager, complaintId, received.state, notes);

    const retry = await record(store.db.manager, complaintId, received.state, notes);
    expect(retry.alreadyRecorded).toBe(true);
    expect(retry.events.map((e) => e.hash)).toEqual(first.events.map((e) => e.hash));

    const reused = { ...notes[0], data: { ...notes[0].data, text: 'inna treść' } };
    await expect(record(store.db.manager, complaintId, received.state, [reused])).rejects.toBeInstanceOf(EventIdConflictError);
    const stale = record(store.db.manager, complaintId, received.state, [note('spóźniona')]);
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(stale).rejects.toMatchObject({ expectedVersion: 2, actualVersion: 3 });
    expect(await loadComplaintEvents(store.db.manager, complaintId)).toHaveLength(3);
    await expectProjectionIsTheFold(complaintId);
  });

  it('refuses events decided on a head the stream does not have, and writes nothing', async () => {
    const complaintId = randomUUID();
    const received = await record(store.db.manager, complaintId, null, intake(complaintId));
    const wrongHead = { ...received.state, headHash: 'f'.repeat(64) };

    await expect(record(store.db.manager, complaintId, wrongHead, [note('na złej głowie')])).rejects.toBeInstanceOf(ConcurrencyError);

    expect(await loadComplaintEvents(store.db.manager, complaintId)).toHaveLength(2);
    await expectProjectionIsTheFold(complaintId);
  });
});

describe('intake: the idempotency key claimed with the first events', () => {
  function fileIntake(manager: EntityManager, complaintId: string, claim: IntakeClaim) {
    const { folded: _folded, ...action } = decidedOn(null, intake(complaintId));
    return recordComplaintIntake(manager, claim, {
      complaintId,
      ...action,
      recordedAt: new Date(),
      outbox: [{ kind: START_WORKFLOW, topic: 'complaints', payload: { complaintId } }],
    });
  }
  const keyOf = (principal: string, key: string) =>
    store.db.query('SELECT request_hash, complaint_id FROM idempotency_keys WHERE principal = $1 AND key = $2', [principal, key]);
  const rowsOf = async (complaintId: string) => {
    const [{ events, cases, outbox }]: { events: number; cases: number; outbox: number }[] = await store.db.query(
      `SELECT (SELECT count(*)::int FROM events WHERE stream_id = $1) AS events,
              (SELECT count(*)::int FROM complaint_cases WHERE id = $2) AS cases,
              (SELECT count(*)::int FROM outbox WHERE stream_id = $1) AS outbox`,
      [`complaint-${complaintId}`, complaintId],
    );
    return { events, cases, outbox };
  };

  it('claims a free key and records the case in one statement', async () => {
    const complaintId = randomUUID();
    const { manager, statements } = counted(store.db.manager);
    const claim = { principal: 'desk-1', key: randomUUID(), requestHash: 'a'.repeat(64) };

    const recorded = await fileIntake(manager, complaintId, claim);

    expect(statements()).toBe(1);
    expect(recorded).toMatchObject({ outcome: 'recorded', events: [{ type: 'ComplaintReceived' }, { type: 'ComplaintAcknowledged' }] });
    expect(await keyOf(claim.principal, claim.key)).toEqual([{ request_hash: claim.requestHash, complaint_id: complaintId }]);
    expect(await rowsOf(complaintId)).toEqual({ events: 2, cases: 1, outbox: 2 });
    await expectProjectionIsTheFold(complaintId);
  });

  it('answers a taken key with the earlier request and writes nothing of the new one', async () => {
    const earlierId = randomUUID();
    const claim = { principal: 'desk-1', key: randomUUID(), requestHash: 'b'.repeat(64) };
    await fileIntake(store.db.manager, earlierId, claim);
    const laterId = randomUUID();

    const again = await fileIntake(store.db.manager, laterId, { ...claim, requestHash: 'c'.repeat(64) });

    expect(again).toEqual({ outcome: 'key-taken', earlier: { complaintId: earlierId, requestHash: claim.requestHash } });
    expect(await rowsOf(laterId)).toEqual({ events: 0, cases: 0, outbox: 0 });
    expect(await keyOf(claim.principal, claim.key)).toEqual([{ request_hash: claim.requestHash, complaint_id: earlierId }]);
    // the same key of another principal is another key
    expect(await fileIntake(store.db.manager, laterId, { ...claim, principal: 'desk-2' })).toMatchObject({ outcome: 'recorded' });
  });

  it('keeps no claim when the case cannot be recorded (its stream is not new)', async () => {
    const complaintId = randomUUID();
    await fileIntake(store.db.manager, complaintId, { principal: 'desk-1', key: randomUUID(), requestHash: 'd'.repeat(64) });
    const secondKey = randomUUID();

    await expect(fileIntake(store.db.manager, complaintId, { principal: 'desk-1', key: secondKey, requestHash: 'e'.repeat(64) })).rejects.toThrow(
      /is not new/,
    );

    expect(await keyOf('desk-1', secondKey)).toEqual([]);
    expect(await rowsOf(complaintId)).toEqual({ events: 2, cases: 1, outbox: 2 });
  });
});
