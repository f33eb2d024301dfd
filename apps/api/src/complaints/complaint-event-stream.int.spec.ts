/**
 * GET /v1/complaints/{id}/events/stream on the real stack: events recorded through the API
 * arrive as server-sent events (fed by LISTEN/NOTIFY), resuming works, closing frees the
 * subscription, and the route answers like /events for keys and unknown cases.
 */
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { COMPLAINT_EVENTS_CHANNEL, complaintStreamId, parseEventNotification } from '../../../../libs/event-store/src';
import { call, eventually, fileComplaint } from '../../../../test/support/http';
import { startTestSystem, TEST_KEYS, type TestSystem } from '../../../../test/support/test-system';
import { ComplaintEventNotifications } from './complaint-event-notifications.service';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.close();
});

interface EventSourceMessage {
  id?: string;
  event?: string;
  data: string;
}

/** The SSE wire format (WHATWG HTML, "server-sent events"), enough for these tests: fields, comments, blank-line ends. */
function sseParser(onMessage: (message: EventSourceMessage) => void) {
  let buffer = '';
  return (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message: EventSourceMessage = { data: '' };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(value);
        else if (field === 'id') message.id = value;
        else if (field === 'event') message.event = value;
      }
      if (data.length) onMessage({ ...message, data: data.join('\n') });
    }
  };
}

/** A client of the stream: the messages received so far, and a way to hang up. */
async function follow(route: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(`${system.baseUrl}${route}`, {
    headers: { authorization: `Bearer ${TEST_KEYS.agent}`, ...headers },
    signal: abort.signal,
  });
  const messages: EventSourceMessage[] = [];
  const feed = sseParser((message) => messages.push(message));
  const reading = (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted by close()
    }
  })();
  return {
    response,
    messages,
    waitFor: (count: number) => eventually(async () => (messages.length >= count ? messages : undefined), 30_000, `${count} messages`),
    close: async () => {
      abort.abort();
      await reading;
    },
  };
}

const subscribers = () => system.api.get(ComplaintEventNotifications).subscriberCount();

it('sends a note recorded through the API as the next event, exactly as /events shows it', async () => {
  const { body: filed } = await fileComplaint(system.baseUrl);
  const stream = await follow(`/v1/complaints/${filed.id}/events/stream`);
  try {
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    expect(stream.response.headers.get('cache-control')).toBe('no-cache');
    expect(stream.response.headers.get('x-accel-buffering')).toBe('no');

    const note = await call(system.baseUrl, 'POST', `/v1/complaints/${filed.id}/notes`, { key: 'agent', body: { text: 'called back, no answer' } });
    expect(note.status).toBe(201);
    const [message] = await stream.waitFor(1);
    const events = await call(system.baseUrl, 'GET', `/v1/complaints/${filed.id}/events`, { key: 'agent' });
    const recorded = events.body.find((e: { type: string }) => e.type === 'NoteAdded');
    expect(message.event).toBe('complaint-event');
    expect(message.id).toBe(String(recorded.position));
    const sent = JSON.parse(message.data);
    expect(sent).toEqual(recorded);
    expect(sent).toMatchObject({ type: 'NoteAdded', hash: recorded.hash, position: 3 });
    expect(stream.messages).toHaveLength(1); // nothing old without a resume position
  } finally {
    await stream.close();
  }
});

it('resumes after Last-Event-ID (or ?after=): the events after it first, then the new ones', async () => {
  const { body: filed } = await fileComplaint(system.baseUrl);
  await call(system.baseUrl, 'POST', `/v1/complaints/${filed.id}/notes`, { key: 'agent', body: { text: 'first' } });

  const resumed = await follow(`/v1/complaints/${filed.id}/events/stream`, { 'last-event-id': '1' });
  const fromStart = await follow(`/v1/complaints/${filed.id}/events/stream?after=0`);
  try {
    const caughtUp = await resumed.waitFor(2);
    expect(caughtUp.map((m) => [m.id, JSON.parse(m.data).type])).toEqual([
      ['2', 'ComplaintAcknowledged'],
      ['3', 'NoteAdded'],
    ]);
    expect((await fromStart.waitFor(3)).map((m) => m.id)).toEqual(['1', '2', '3']);

    await call(system.baseUrl, 'POST', `/v1/complaints/${filed.id}/notes`, { key: 'agent', body: { text: 'second' } });
    const next = await resumed.waitFor(3);
    expect(next[2].id).toBe('4');
    expect(JSON.parse(next[2].data).data.text).toBe('second');
    await fromStart.waitFor(4);
    expect(fromStart.messages.map((m) => m.id)).toEqual(['1', '2', '3', '4']);
  } finally {
    await resumed.close();
    await fromStart.close();
  }
});

it('notifies only for followed streams: nothing while nobody follows a case, a NOTIFY per commit while someone does, none after', async () => {
  const listener = new PgClient({ connectionString: system.config.databaseUrl });
  await listener.connect();
  const notified: string[] = [];
  listener.on('notification', (message) => {
    const notification = parseEventNotification(message.payload);
    if (notification) notified.push(notification.streamId);
  });
  await listener.query(`LISTEN ${COMPLAINT_EVENTS_CHANNEL}`);
  const followed = async (streamId: string) =>
    Number((await system.db.query('SELECT count(*) AS n FROM followed_streams WHERE stream_id = $1', [streamId]))[0].n);
  const note = async (id: string, text: string) =>
    expect((await call(system.baseUrl, 'POST', `/v1/complaints/${id}/notes`, { key: 'agent', body: { text } })).status).toBe(201);
  try {
    const { body: filed } = await fileComplaint(system.baseUrl);
    const streamId = complaintStreamId(filed.id);
    await note(filed.id, 'nobody is watching');
    // a marker commit on a followed stream: once its notification arrives, any for the first note would have too
    const { body: marker } = await fileComplaint(system.baseUrl);
    const markerStream = await follow(`/v1/complaints/${marker.id}/events/stream`);
    await note(marker.id, 'marker');
    await eventually(async () => (notified.includes(complaintStreamId(marker.id)) ? true : undefined), 10_000, 'the marker notification');
    expect(notified).not.toContain(streamId);
    expect(await followed(streamId)).toBe(0);

    const stream = await follow(`/v1/complaints/${filed.id}/events/stream`);
    expect(await followed(streamId)).toBe(1);
    await note(filed.id, 'now someone is');
    await eventually(async () => (notified.includes(streamId) ? true : undefined), 10_000, 'a notification for the followed case');
    await stream.waitFor(1);
    await stream.close();
    await markerStream.close();
    await eventually(async () => ((await followed(streamId)) === 0 ? true : undefined), 10_000, 'the case no longer followed');
  } finally {
    await listener.end();
  }
});

it('frees the subscription when the client goes away', async () => {
  const { body: filed } = await fileComplaint(system.baseUrl);
  const before = subscribers();
  const stream = await follow(`/v1/complaints/${filed.id}/events/stream`);
  expect(stream.response.status).toBe(200);
  expect(subscribers()).toBe(before + 1);
  await stream.close();
  await eventually(async () => (subscribers() === 0 ? true : undefined), 10_000, 'no subscribers');
});

it('answers like /events: 401 without a key, 403 for intake, 404 for an unknown case, 400 for a bad position', async () => {
  const { body: filed } = await fileComplaint(system.baseUrl);
  const route = `/v1/complaints/${filed.id}/events/stream`;
  expect((await call(system.baseUrl, 'GET', route, { key: null })).status).toBe(401);
  const intake = await call(system.baseUrl, 'GET', route, { key: 'intake' });
  expect(intake.status).toBe(403);
  expect(intake.headers.get('content-type')).toContain('application/problem+json');
  const unknown = await call(system.baseUrl, 'GET', `/v1/complaints/${randomUUID()}/events/stream`, { key: 'auditor' });
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  const badHeader = await call(system.baseUrl, 'GET', route, { key: 'agent', headers: { 'last-event-id': 'abc' } });
  expect(badHeader.status).toBe(400);
  expect(badHeader.body.errors[0].path).toBe('headers.last-event-id');
  const badQuery = await call(system.baseUrl, 'GET', `${route}?after=-1`, { key: 'agent' });
  expect(badQuery.status).toBe(400);
  expect(badQuery.body.errors[0].path).toBe('query.after');
  expect(subscribers()).toBe(0);
});
