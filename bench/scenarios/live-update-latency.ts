/**
 * How soon an open console sees a new event: `followers` clients follow one case's
 * `GET /v1/complaints/{id}/events/stream` (server-sent events, each with its own HTTP
 * connection, as consoles do), then notes are added one after another through the API
 * (`POST /v1/complaints/{id}/notes`, through the case's workflow). Each timing runs from
 * sending the note until every follower has received its event (the workflow's activity
 * records it → NOTIFY on commit → the API's LISTEN connection → each stream reads the store →
 * the socket). Same-run baseline: the note command's own round trip, from sending it to its
 * 201 answer (which waits for the workflow's update to complete as well).
 */
import { fileComplaint } from './ack-latency';
import { BENCH_KEYS } from '../support/bench-system';
import { LatencyHistogram, type LatencySummary } from '../support/latency-histogram';
import { startProgress } from '../support/progress';

export interface LiveUpdateFigures {
  followers: number;
  /** from sending the command to its event at the last follower */
  delivery: LatencySummary;
  /** notes whose event reached every follower before the command's answer reached its caller */
  beforeAnswer: number;
  /** the command's round trip (the baseline) */
  command: LatencySummary;
}

interface Follower {
  /** resolves with the moment (performance.now()) the follower received the event at this stream position */
  received(position: number): Promise<number>;
  close(): void;
}

async function follow(baseUrl: string, id: string): Promise<Follower> {
  // eventsource-parser is published as an ES module: loaded dynamically from this CommonJS build
  const { createParser } = await import('eventsource-parser');
  const seen = new Map<number, number>();
  const waiting = new Map<number, (at: number) => void>();
  const abort = new AbortController();
  const parser = createParser({
    onEvent(message) {
      const position = Number(message.id);
      const at = performance.now();
      seen.set(position, at);
      waiting.get(position)?.(at);
      waiting.delete(position);
    },
  });
  const response = await fetch(`${baseUrl}/v1/complaints/${id}/events/stream`, {
    headers: { authorization: `Bearer ${BENCH_KEYS.auditor}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`GET events/stream answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(value);
      }
    } catch {
      // closed by close()
    }
  })();
  return {
    received: (position) => {
      const at = seen.get(position);
      return at === undefined ? new Promise((resolve) => waiting.set(position, resolve)) : Promise.resolve(at);
    },
    close: () => abort.abort(),
  };
}

export async function measureLiveUpdates(baseUrl: string, followers: number, notes: number): Promise<LiveUpdateFigures> {
  const id = await fileComplaint(baseUrl, 0);
  const streams = await Promise.all(Array.from({ length: followers }, () => follow(baseUrl, id)));
  const delivery = new LatencyHistogram();
  const command = new LatencyHistogram();
  let beforeAnswer = 0;
  const progress = startProgress(`live updates to ${followers} followers`, notes + 10);
  try {
    for (let i = 0; i < notes + 10; i++) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/v1/complaints/${id}/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BENCH_KEYS.agent}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: `Live update ${i}: the customer called again about the duplicate charge.` }),
      });
      const reply = (await response.json()) as { events?: { position: number }[] };
      const answered = performance.now();
      const position = reply.events?.[0]?.position;
      if (response.status !== 201 || position === undefined) throw new Error(`POST notes answered ${response.status}`);
      const lastArrival = Math.max(...(await Promise.all(streams.map((stream) => stream.received(position)))));
      // the first ten are a warm-up (connections, JIT, caches)
      if (i >= 10) {
        delivery.recordMs(lastArrival - started);
        command.recordMs(answered - started);
        if (lastArrival <= answered) beforeAnswer++;
      }
      progress.update(i + 1);
    }
  } finally {
    progress.stop();
    streams.forEach((stream) => stream.close());
  }
  return { followers, delivery: delivery.summary(), command: command.summary(), beforeAnswer };
}
