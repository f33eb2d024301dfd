/**
 * As-of replay latency through the API: one case is filed and given notes (each a real
 * `POST /v1/complaints/{id}/notes`, through its workflow) until its stream holds about 200
 * events; then `GET /v1/complaints/{id}/replay?asOf=<after the last event>` is called one
 * request after another (closed loop: 20 warm-up calls, then the measured ones), so each
 * timing is one HTTP round trip that reads and folds every event of the case.
 */
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { fileComplaint } from './ack-latency';
import { BENCH_KEYS } from '../support/bench-system';
import { LatencyHistogram, type LatencySummary } from '../support/latency-histogram';
import { startProgress } from '../support/progress';

export interface ReplayFigures extends LatencySummary {
  eventsReplayed: number;
  history: CaseHistorySize;
}

export interface CaseHistorySize {
  /** the workflow's histories, every run, protobuf-encoded (what Temporal stores and limits) */
  historyBytes: number;
  /** the case's events as `GET /events` answers them */
  eventsBytes: number;
  runs: number;
  /** the history's bytes by event type (count, bytes), largest first: where the size goes */
  byType: { type: string; count: number; bytes: number }[];
}

async function caseHistorySize(baseUrl: string, temporalAddress: string, id: string): Promise<CaseHistorySize> {
  const response = await fetch(`${baseUrl}/v1/complaints/${id}/events`, { headers: { authorization: `Bearer ${BENCH_KEYS.auditor}` } });
  const eventsBytes = (await response.arrayBuffer()).byteLength;
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const client = new Client({ connection, namespace: 'default' });
    let historyBytes = 0;
    let runs = 0;
    const byType = new Map<string, { type: string; count: number; bytes: number }>();
    for await (const execution of client.workflow.list({ query: `WorkflowId = 'complaint-${id}'` })) {
      const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
      historyBytes += temporal.api.history.v1.History.encode(history).finish().length;
      runs += 1;
      for (const event of history.events ?? []) {
        const type = temporal.api.enums.v1.EventType[event.eventType ?? 0].replace('EVENT_TYPE_', '');
        const entry = byType.get(type) ?? { type, count: 0, bytes: 0 };
        entry.count += 1;
        entry.bytes += temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
        byType.set(type, entry);
      }
    }
    return { historyBytes, eventsBytes, runs, byType: [...byType.values()].sort((a, b) => b.bytes - a.bytes) };
  } finally {
    await connection.close();
  }
}

async function eventCount(baseUrl: string, id: string): Promise<number> {
  const response = await fetch(`${baseUrl}/v1/complaints/${id}/events`, { headers: { authorization: `Bearer ${BENCH_KEYS.auditor}` } });
  if (!response.ok) throw new Error(`GET events answered ${response.status}`);
  const events: unknown = await response.json();
  return Array.isArray(events) ? events.length : 0;
}

export async function measureReplay(baseUrl: string, temporalAddress: string, targetEvents: number, calls: number): Promise<ReplayFigures> {
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
  const history = await caseHistorySize(baseUrl, temporalAddress, id);
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
  return { ...histogram.summary(), eventsReplayed: replayed || events, history };
}
