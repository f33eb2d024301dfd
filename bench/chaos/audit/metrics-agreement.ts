/**
 * What an operator's Prometheus would have read agrees with the store, once the load has
 * drained. The store's own figures on each API's /metrics (open cases by status, outbox
 * backlog by kind, promises broken, escalations by reason) must equal the store exactly.
 * Per-process counters restart at zero when a process is killed, so the sums over the
 * processes running at the end are only bounded by what the store and the load saw:
 * acknowledgments and workflow start lags by cases, appended events by the events of their
 * writer, webhook deliveries by the receiver's 2xx answers, 429s by the 429s the load got.
 */
import type { DataSource } from 'typeorm';
import { sampleSum, type Sample } from '../../../test/support/prometheus-text';
import { examples, n, type AuditLine } from './audit-line';

export interface StoreFigures {
  cases: number;
  openByStatus: Record<string, number>;
  pendingByKind: Record<string, number>;
  promisesBroken: number;
  escalationsByReason: Record<string, number>;
  intakeEvents: number;
  workflowEvents: number;
}

/** The store's figures, counted here with SQL of our own (not the engine's queries behind /metrics). */
export async function storeFigures(db: DataSource): Promise<StoreFigures> {
  const byKey = (rows: { key: string; count: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.count]));
  const [[totals], open, pending, escalations] = await Promise.all([
    db.query(`SELECT (SELECT count(*)::int FROM complaint_cases) AS cases,
                     count(*) FILTER (WHERE type = 'PromiseBroken')::int AS "promisesBroken",
                     count(*) FILTER (WHERE type IN ('ComplaintReceived', 'ComplaintAcknowledged'))::int AS "intakeEvents",
                     count(*) FILTER (WHERE type NOT IN ('ComplaintReceived', 'ComplaintAcknowledged'))::int AS "workflowEvents"
                FROM events`),
    db.query(`SELECT status AS key, count(*)::int AS count FROM complaint_cases WHERE status <> 'closed' GROUP BY 1`),
    db.query(`SELECT kind AS key, count(*)::int AS count FROM outbox WHERE processed_at IS NULL GROUP BY 1`),
    db.query(`SELECT data->>'reason' AS key, count(*)::int AS count FROM events WHERE type = 'Escalated' GROUP BY 1`),
  ]);
  return { ...totals, openByStatus: byKey(open), pendingByKind: byKey(pending), escalationsByReason: byKey(escalations) };
}

export interface LoadObservations {
  /** the receiver's 2xx answers */
  webhooks2xx: number;
  /** the 429s the load got */
  tooManyRequests: number;
}

/** Every label value of `label` on `name`, with the store's keys. */
function labelled(samples: Sample[], name: string, label: string, store: Record<string, number>): [string, number, number][] {
  const values = new Set([...Object.keys(store), ...samples.filter((s) => s.name === name && s.labels[label] !== undefined).map((s) => s.labels[label])]);
  return [...values].map((value) => [value, sampleSum(samples, name, { [label]: value }), store[value] ?? 0]);
}

export function metricsLines(apis: Sample[][], workers: Sample[][], store: StoreFigures, load: LoadObservations): AuditLine[] {
  const mismatches: string[] = [];
  let compared = 0;
  apis.forEach((samples, index) => {
    const compare = (what: string, metric: number, stored: number) => {
      compared += 1;
      if (metric !== stored) mismatches.push(`api-${index + 1} ${what}: /metrics ${metric}, store ${stored}`);
    };
    compare('store_figures_up', sampleSum(samples, 'store_figures_up'), 1);
    for (const [status, metric, stored] of labelled(samples, 'complaints_open', 'status', store.openByStatus)) compare(`complaints_open{status="${status}"}`, metric, stored);
    for (const [kind, metric, stored] of labelled(samples, 'outbox_pending', 'kind', store.pendingByKind)) compare(`outbox_pending{kind="${kind}"}`, metric, stored);
    compare('complaint_promises_broken_total', sampleSum(samples, 'complaint_promises_broken_total'), store.promisesBroken);
    for (const [reason, metric, stored] of labelled(samples, 'complaint_escalations_total', 'reason', store.escalationsByReason)) {
      compare(`complaint_escalations_total{reason="${reason}"}`, metric, stored);
    }
  });

  const sum = (processes: Sample[][], name: string, labels: Record<string, string> = {}) => processes.reduce((total, samples) => total + sampleSum(samples, name, labels), 0);
  const bounds: [string, number, number][] = [
    ['APIs: complaint_acknowledgment_seconds_count ≤ cases', sum(apis, 'complaint_acknowledgment_seconds_count'), store.cases],
    ['APIs: events_appended_total{writer="intake"} ≤ intake events', sum(apis, 'events_appended_total', { writer: 'intake' }), store.intakeEvents],
    ['APIs: http_request_duration_seconds_count{status="429"} ≤ 429s the load got', sum(apis, 'http_request_duration_seconds_count', { status: '429' }), load.tooManyRequests],
    ['workers: events_appended_total{writer="workflow"} ≤ workflow events', sum(workers, 'events_appended_total', { writer: 'workflow' }), store.workflowEvents],
    ['workers: complaint_workflow_start_lag_seconds_count ≤ cases', sum(workers, 'complaint_workflow_start_lag_seconds_count'), store.cases],
    ['workers: webhook_deliveries_total{result="delivered"} ≤ receiver 2xx', sum(workers, 'webhook_deliveries_total', { result: 'delivered' }), load.webhooks2xx],
  ];
  const exceeded = bounds.filter(([, metric, bound]) => metric > bound).map(([what, metric, bound]) => `${what}: ${metric} > ${bound}`);
  return [
    {
      check: "store figures on every API's /metrics equal the store (after the drain)",
      count: `${n(compared)} figures compared, ${n(mismatches.length)} differ; promises broken ${n(store.promisesBroken)}, escalations ${n(Object.values(store.escalationsByReason).reduce((a, b) => a + b, 0))}`,
      pass: mismatches.length === 0 && apis.length > 0,
      detail: examples(mismatches),
    },
    {
      check: 'per-process counters within what the store and the load saw (they restart with their process)',
      count: bounds.map(([what, metric, bound]) => `${what.split(':')[1].split('≤')[0].trim()} ${n(metric)} ≤ ${n(bound)}`).join('; '),
      pass: exceeded.length === 0 && workers.length > 0,
      detail: examples(exceeded),
    },
  ];
}
