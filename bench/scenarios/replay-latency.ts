/**
 * As-of replay latency through the API: one case is filed and given notes (each a real
 * `POST /v1/complaints/{id}/notes`, through its workflow) until its stream holds about 200
 * events; then `GET /v1/complaints/{id}/replay?asOf=<after the last event>` is called one
 * request after another (closed loop: 20 warm-up calls, then the measured ones), so each
 * timing is one HTTP round trip that reads and folds every event of the case.
 */
import { fileComplaint } from './ack-latency';
import { BENCH_KEYS } from '../support/bench-system';
import { LatencyHistogram, type LatencySummary } from '../support/latency-histogram';
import { startProgress } from '../support/progress';

export interface ReplayFigures extends LatencySummary {
  eventsReplayed: number;
}

async function eventCount(baseUrl: string, id: string): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/complaints/${id}/events`, { headers: { authorization: `Bearer ${BENCH_KEYS.auditor}` } });
  if (!response.ok) throw new Error(`GET events answered ${response.status}`);
  const events: unknown = await response.json();
  return Array.isArray(events) ? events.length : 0;
}

export async function measureReplay(baseUrl: string, targetEvents: number, calls: number): Promise<ReplayFigures> {
  const id = await fileComplaint(baseUrl, 0);
  let events = await eventCount(baseUrl, id);
  const progress = startProgress(`build a ${targetEvents}-event case`, targetEvents);
  let note = 0;
  while (events < targetEvents) {
    const response = await fetch(`${baseUrl}/v1/complaints/${id}/notes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_KEYS.agent}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: `Called the customer back (${++note}); the duplicate charge is confirmed.` }),
    });
    if (response.status !== 201) throw new Error(`POST notes answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    await response.arrayBuffer();
    events = note % 20 === 0 ? await eventCount(baseUrl, id) : events + 1;
    progress.update(events);
  }
  events = await eventCount(baseUrl, id);
  progress.stop();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const asOf = new Date().toISOString();
  const histogram = new LatencyHistogram();
  let replayed = 0;
  const replayProgress = startProgress('as-of replay', calls + 20);
  for (let i = 0; i < calls + 20; i++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/v1/complaints/${id}/replay?asOf=${encodeURIComponent(asOf)}`, {
      headers: { authorization: `Bearer ${BENCH_KEYS.auditor}` },
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET replay answered ${response.status}`);
    if (i >= 20) histogram.recordMs(performance.now() - started);
    replayed = Number(response.headers.get('x-replayed-events') ?? '0');
    replayProgress.update(i + 1);
  }
  replayProgress.stop();
  return { ...histogram.summary(), eventsReplayed: replayed || events };
}
