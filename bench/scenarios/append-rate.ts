/**
 * Event append rate, events/s, 8 concurrent writers, batch sizes 1 and 10, three stores in
 * the same database and run, each for the same wall time:
 *  - ours: the real write path of every complaint event, `recordComplaintEvents`: one
 *    statement that locks the stream row, compares the version (and head hash), chains
 *    the RFC 8785 canonical texts with SHA-256, inserts the events (unique id and
 *    position), upserts the case projection row (the folded state) and queues the outbox
 *    rows. Each stream is a complaint: its first batch is recorded as intake records it
 *    (ComplaintReceived + ComplaintAcknowledged, in a transaction, with the start-workflow
 *    outbox row and the acknowledgment webhook; at batch 1 they are two batches), the rest
 *    as the workflow's appendComplaintEvents activity does (NoteAdded in Polish and
 *    Hebrew, the statement its own transaction: one round trip). Intake's other queries
 *    (idempotency key, reference number, duplicate search) are not included. The case
 *    state grows with every note (about 23 kB of JSON at 100 events) and the whole of it
 *    is rewritten, and compressed by TOAST, on every append, as in production;
 *  - Emmett's PostgreSQL event store (`@event-driven-io/emmett-postgresql`), its own
 *    `appendToStream` with the expected stream version;
 *  - raw INSERT: one multi-row INSERT per batch into a plain table with the same columns
 *    and unique keys, autocommit, no chain.
 * Each writer appends to its own stream and starts a new one every 100 events.
 */
import { randomUUID } from 'node:crypto';
import { Pool, types } from 'pg';
import type { DataSource } from 'typeorm';
import { decidedOn, type EventToAppend, recordComplaintEvents, START_WORKFLOW } from '../../libs/event-store/src';
import { withHead, type ComplaintState, type NewEvent } from '../../libs/domain/src';
import { startProgress } from '../support/progress';

export const WRITERS = 8;
const EVENTS_PER_STREAM = 100;

export interface AppendRates {
  ours: number;
  rawInsert: number;
  /** undefined when Emmett could not be loaded; `emmettNote` says why */
  emmett: number | undefined;
  emmettNote: string | undefined;
  secondsEach: number;
}

type AppendBatch = (streamId: string, version: number, batch: number, writer: number) => Promise<void>;

function eventData(i: number): Record<string, unknown> {
  return {
    complaintId: randomUUID(),
    text: `Zapłaciłam dwa razy za fakturę 2026/${i}. הזמנתי לפני שבועיים`,
    amount: { minor: 12_345, currency: 'GBP' },
    tags: ['billing', 'duplicate-charge'],
  };
}

async function measure(label: string, seconds: number, batch: number, append: AppendBatch): Promise<number> {
  const progress = startProgress(label, seconds);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const timer = setInterval(() => progress.update(Math.round((performance.now() - started) / 1000)), 250);
  let events = 0;
  const writer = async (w: number) => {
    let streamId = `bench-${randomUUID()}`;
    let version = 0;
    while (performance.now() < deadline) {
      if (version + batch > EVENTS_PER_STREAM) {
        streamId = `bench-${randomUUID()}`;
        version = 0;
      }
      await append(streamId, version, batch, w);
      version += batch;
      events += batch;
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(timer);
  progress.update(seconds);
  progress.stop();
  return events / elapsed;
}

function newEvents(batch: number, version: number): EventToAppend[] {
  const occurredAt = new Date().toISOString();
  return Array.from({ length: batch }, (_, i) => ({
    id: randomUUID(),
    type: 'BenchEventRecorded',
    schemaVersion: 1,
    data: eventData(version + i),
    actor: { principal: 'bench', role: 'agent' },
    occurredAt,
  }));
}

const NOTES = [
  'Klientka zadzwoniła ponownie: paczka nadal nie dotarła, prosi o zwrot pieniędzy.',
  'הלקוחה התקשרה שוב: החבילה עדיין לא הגיעה, היא מבקשת החזר כספי.',
  'Przewoźnik potwierdził zgubienie przesyłki; zlecono wysyłkę zastępczą.',
  'נשלחה הודעה ללקוחה עם מספר מעקב חדש.',
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** What intake decides for a new complaint (as decideIntake shapes it; deadlines fixed offsets). */
function intakeEvents(complaintId: string, now: Date): NewEvent[] {
  const at = now.toISOString();
  const after = (days: number) => new Date(now.getTime() + days * DAY_MS).toISOString();
  return [
    {
      id: randomUUID(),
      type: 'ComplaintReceived',
      actor: { principal: 'desk-1', role: 'intake' },
      occurredAt: at,
      data: {
        complaintId,
        reference: `CR-${now.getUTCFullYear()}-${complaintId.slice(0, 8)}`,
        customer: { id: `cust-${complaintId}`, name: 'Zofia Wójcik-Cohen', email: null, phone: null, segment: null, language: 'pl' },
        channel: 'web',
        category: 'delivery',
        summary: 'Paczka nie dotarła / החבילה לא הגיעה',
        description: 'Zamówiłam dwa tygodnie temu i nadal nie otrzymałam paczki. הזמנתי לפני שבועיים ועדיין לא קיבלתי את החבילה.',
        requestedSeverity: null,
        desiredOutcome: 'Zwrot pieniędzy',
        receivedAt: at,
        callbackUrl: 'https://intake.example/hooks/complaints',
        filedBy: 'desk-1',
        policyVersion: 'default-2026-12-2',
        possibleDuplicateOf: null,
      },
    },
    {
      id: randomUUID(),
      type: 'ComplaintAcknowledged',
      actor: { principal: 'system', role: 'system' },
      occurredAt: at,
      data: {
        acknowledgedAt: at,
        severity: 'normal',
        owner: 'queue:delivery',
        deadlines: {
          acknowledgeBy: after(1),
          firstContactBy: after(2),
          updateBy: after(5),
          promiseWarningAt: after(20),
          promisedResolutionBy: after(28),
          finalResponseBy: after(56),
        },
      },
    },
  ];
}

/** The events of a complaint from `version` on, `batch` of them: intake's two first, then notes. */
function complaintEvents(complaintId: string, version: number, batch: number): NewEvent[] {
  const now = new Date();
  const intake = version < 2 ? intakeEvents(complaintId, now).slice(version) : [];
  const notes = Array.from({ length: Math.max(0, batch - intake.length) }, (_, i): NewEvent => ({
    id: randomUUID(),
    type: 'NoteAdded',
    actor: { principal: 'agent-7', role: 'agent' },
    occurredAt: now.toISOString(),
    data: { noteId: randomUUID(), text: NOTES[(version + i) % NOTES.length] },
  }));
  return [...intake, ...notes].slice(0, batch);
}

/**
 * recordComplaintEvents as intake (first batch) and the workflow's activity (the rest) call
 * it, each batch folded once beforehand as its decider does (the workflow, or intake).
 */
async function measureOurs(db: DataSource, batch: number, seconds: number): Promise<number> {
  const cases = new Map<string, ComplaintState>();
  return measure(`append ours, batch ${batch}`, seconds, batch, async (streamId, version) => {
    const complaintId = streamId.slice('bench-'.length);
    const events = complaintEvents(complaintId, version, batch);
    const { folded, ...action } = decidedOn(version === 0 ? null : cases.get(streamId)!, events);
    const request = { complaintId, ...action, recordedAt: new Date() };
    const recorded =
      version === 0
        ? await db.transaction((tx) =>
            recordComplaintEvents(tx, { ...request, outbox: [{ kind: START_WORKFLOW, topic: 'complaints', payload: { complaintId } }] }),
          )
        : await recordComplaintEvents(db.manager, request);
    cases.set(streamId, withHead(folded.state, recorded.events[recorded.events.length - 1].hash));
  });
}

const RAW_TABLE = `
  CREATE TABLE IF NOT EXISTS bench_raw_events (
    global_position bigserial PRIMARY KEY,
    stream_id text NOT NULL,
    stream_position int NOT NULL,
    event_id uuid NOT NULL UNIQUE,
    type text NOT NULL,
    schema_version int NOT NULL,
    data jsonb NOT NULL,
    actor jsonb NOT NULL,
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (stream_id, stream_position)
  )`;

interface EmmettStore {
  appendToStream(
    streamName: string,
    events: { type: string; data: Record<string, unknown> }[],
    options?: { expectedStreamVersion?: bigint },
  ): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * Emmett's driver (dumbo) sets pg's process-wide type parsers (int8 → BigInt, json/jsonb
 * with its own serializer). The engine in this process reads bigint columns as strings, so
 * the parsers it replaces are put back once Emmett is closed.
 */
const PARSED_BY_EMMETT = [20, 114, 3802] as const;

function saveTypeParsers(): () => void {
  const saved = PARSED_BY_EMMETT.map((oid) => [oid, types.getTypeParser(oid, 'text')] as const);
  return () => {
    for (const [oid, parser] of saved) types.setTypeParser(oid, 'text', parser);
  };
}

/** Emmett is ESM-only: loaded with a real dynamic import (kept as such in CommonJS output). */
async function openEmmett(databaseUrl: string): Promise<EmmettStore> {
  const loaded: unknown = await import('@event-driven-io/emmett-postgresql');
  if (typeof loaded !== 'object' || loaded === null || !('getPostgreSQLEventStore' in loaded)) {
    throw new Error('@event-driven-io/emmett-postgresql has no getPostgreSQLEventStore');
  }
  const factory = loaded.getPostgreSQLEventStore;
  if (typeof factory !== 'function') throw new Error('getPostgreSQLEventStore is not a function');
  const store: unknown = factory(databaseUrl);
  const candidate = store as Partial<EmmettStore>;
  if (typeof candidate.appendToStream !== 'function' || typeof candidate.close !== 'function') {
    throw new Error('Emmett store lacks appendToStream/close');
  }
  return store as EmmettStore;
}

export async function measureAppendRates(db: DataSource, databaseUrl: string, batch: number, seconds: number): Promise<AppendRates> {
  const ours = await measureOurs(db, batch, seconds);

  const pool = new Pool({ connectionString: databaseUrl, max: WRITERS, application_name: 'bench-raw-insert' });
  let rawInsert: number;
  try {
    await pool.query(RAW_TABLE);
    rawInsert = await measure(`append raw INSERT, batch ${batch}`, seconds, batch, async (streamId, version) => {
      const events = newEvents(batch, version);
      const values: unknown[] = [];
      const rows = events.map((e, i) => {
        values.push(streamId, version + i + 1, e.id, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.actor), e.occurredAt);
        const b = i * 8;
        return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`;
      });
      await pool.query(
        `INSERT INTO bench_raw_events (stream_id, stream_position, event_id, type, schema_version, data, actor, occurred_at)
         VALUES ${rows.join(', ')}`,
        values,
      );
    });
  } finally {
    await pool.end();
  }

  let emmett: number | undefined;
  let emmettNote: string | undefined;
  let store: EmmettStore | undefined;
  const restoreTypeParsers = saveTypeParsers();
  try {
    store = await openEmmett(databaseUrl);
    const opened = store;
    // the first call creates Emmett's schema; keep that out of the timing
    await opened.appendToStream(`bench-warmup-${randomUUID()}`, [{ type: 'BenchEventRecorded', data: eventData(0) }]);
    emmett = await measure(`append Emmett, batch ${batch}`, seconds, batch, async (streamId, version) => {
      const events = Array.from({ length: batch }, (_, i) => ({ type: 'BenchEventRecorded', data: eventData(version + i) }));
      await opened.appendToStream(streamId, events, version === 0 ? undefined : { expectedStreamVersion: BigInt(version) });
    });
  } catch (error) {
    emmettNote = `Emmett not measured: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await store?.close().catch(() => undefined);
    restoreTypeParsers();
  }
  return { ours, rawInsert, emmett, emmettNote, secondsEach: seconds };
}
