/**
 * The reports over HTTP against the running API, on the generated store (report-store.ts):
 *  - each report route called one request after another (closed loop, a few warm-up calls
 *    first), over a window holding every generated case; the same-run baseline is GET /health
 *    called as often on the same system (PostgreSQL, Temporal and the outbox backlog probed:
 *    "an operator's request that reads the store", as the metrics-scrape figure uses it), so a
 *    report's time reads against what any request to this API costs on this machine now;
 *  - the returns report (`GET /v1/reports/returns?period=2026H2`) only when the route answers
 *    200 (it is built on another branch): otherwise not measured, with the status it gave;
 *  - what-if: one `POST /v1/reports/what-if` over a window holding `whatIfCases` cases with a
 *    candidate policy that doubles every resolution deadline, timed end to end;
 *  - report lag: under open-loop intake at 20/s, from each complaint's 201 (its transaction
 *    has committed by then) to the first poll that finds its row in `report_cases`; polled
 *    every `POLL_MS`, so a lag is late by at most that plus one query.
 */
import type { DataSource } from 'typeorm';
import type { Policy, SeverityDeadlines } from '../../libs/domain/src';
import { BENCH_KEYS } from '../support/bench-system';
import { LatencyHistogram, type LatencySummary } from '../support/latency-histogram';
import { startProgress } from '../support/progress';
import { fileComplaint, type Ack } from './ack-latency';
import { runOpenLoop, type OpenLoopResult } from '../support/open-loop';

const WARM_UP = 3;
const POLL_MS = 20;

export interface RouteTimes extends Omit<LatencySummary, 'distribution'> {
  path: string;
  bytes: number;
}

export interface ReportLatencies {
  window: { from: string; to: string };
  calls: number;
  routes: Record<'promisesByMonth' | 'promisesByOwner' | 'fairness' | 'outcomes', RouteTimes>;
  returns: RouteTimes | { notMeasured: string };
  health: RouteTimes;
}

async function timedCalls(baseUrl: string, path: string, calls: number, init: RequestInit = {}): Promise<RouteTimes> {
  const histogram = new LatencyHistogram();
  let bytes = 0;
  const progress = startProgress(`GET ${path.split('?')[0]}`, calls + WARM_UP);
  for (let call = 0; call < calls + WARM_UP; call++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${BENCH_KEYS.manager}`, ...init.headers } });
    const body = await response.arrayBuffer();
    const ms = performance.now() - started;
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 200)}`);
    if (call >= WARM_UP) histogram.recordMs(ms);
    bytes = body.byteLength;
    progress.update(call + 1);
  }
  progress.stop();
  const { distribution: _distribution, ...summary } = histogram.summary();
  return { path, bytes, ...summary };
}

export async function measureReportRoutes(baseUrl: string, window: { from: string; to: string }, calls: number, returnsPeriod: string): Promise<ReportLatencies> {
  const w = `from=${encodeURIComponent(window.from)}&to=${encodeURIComponent(window.to)}`;
  const health = await timedCalls(baseUrl, '/health', calls);
  const routes = {
    promisesByMonth: await timedCalls(baseUrl, `/v1/reports/promises?groupBy=month&${w}`, calls),
    promisesByOwner: await timedCalls(baseUrl, `/v1/reports/promises?groupBy=owner&${w}`, calls),
    fairness: await timedCalls(baseUrl, `/v1/reports/fairness?by=segment&${w}`, calls),
    outcomes: await timedCalls(baseUrl, `/v1/reports/outcomes?${w}`, calls),
  };
  const returnsPath = `/v1/reports/returns?period=${returnsPeriod}`;
  const probe = await fetch(`${baseUrl}${returnsPath}`, { headers: { authorization: `Bearer ${BENCH_KEYS.manager}` } });
  await probe.arrayBuffer();
  const returns = probe.status === 200 ? await timedCalls(baseUrl, returnsPath, calls) : { notMeasured: `GET ${returnsPath} answered ${probe.status} (the route is not in this build)` };
  return { window, calls, routes, returns, health };
}

export interface WhatIfTiming {
  window: { from: string; to: string };
  /** cases the window holds (received before `to`, not closed before `from`) */
  casesInWindow: number;
  replayed: number;
  seconds: number;
  candidateVersion: string;
  changedPromisesBroken: { actual: number; whatIf: number } | undefined;
}

/** The window [first receipt, to) whose `to` is just after the `wanted`-th case received (all of them when the store holds fewer). */
export async function whatIfWindow(db: DataSource, wanted: number): Promise<{ from: string; to: string; cases: number }> {
  const [row]: { first: string; last: string; cases: number }[] = await db.query(
    `SELECT to_char(min(received_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS first,
            to_char((max(received_at) + interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last,
            least(count(*), $1)::int AS cases
       FROM (SELECT received_at FROM report_cases ORDER BY received_at LIMIT $1) AS first_cases`,
    [wanted],
  );
  return { from: row.first, to: row.last, cases: row.cases };
}

/** The policy in force with every severity's resolution deadline doubled (P5D → P10D), under a version of its own. */
export function slowerResolutionPolicy(policy: Policy): Policy {
  const doubled = (duration: string) => duration.replace(/^P(\d+)D$/, (_, days: string) => `P${Number(days) * 2}D`).replace(/^PT(\d+)H$/, (_, h: string) => `PT${Number(h) * 2}H`);
  const severities = Object.fromEntries(Object.entries(policy.severities as Record<string, SeverityDeadlines>).map(([name, d]) => [name, { ...d, resolution: doubled(d.resolution) }])) as Policy['severities'];
  return { ...policy, version: `${policy.version}-bench-slower-resolution`, severities };
}

export async function measureWhatIf(baseUrl: string, db: DataSource, policy: Policy, wantedCases: number): Promise<WhatIfTiming> {
  const window = await whatIfWindow(db, wantedCases);
  const candidate = slowerResolutionPolicy(policy);
  process.stdout.write(`what-if over ${window.cases} cases …\n`);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/v1/reports/what-if`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_KEYS.manager}`, 'content-type': 'application/json' },
    body: JSON.stringify({ from: window.from, to: window.to, policy: candidate }),
  });
  const text = await response.text();
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200) throw new Error(`POST /v1/reports/what-if answered ${response.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { replayed: number; total?: { actual?: { promisesBroken?: number }; whatIf?: { promisesBroken?: number } } };
  const actual = body.total?.actual?.promisesBroken;
  const whatIf = body.total?.whatIf?.promisesBroken;
  return {
    window: { from: window.from, to: window.to },
    casesInWindow: window.cases,
    replayed: body.replayed,
    seconds,
    candidateVersion: candidate.version,
    changedPromisesBroken: actual === undefined || whatIf === undefined ? undefined : { actual, whatIf },
  };
}

export interface ReportLag extends LatencySummary {
  /** the same lags counted from the event's recorded_at (taken before the intake's commit: an upper bound) */
  fromRecordedAt: Omit<LatencySummary, 'distribution'>;
  intake: Omit<OpenLoopResult, 'distribution'>;
  /** complaints whose row never showed within the wait after the load */
  neverSeen: number;
  pollMs: number;
  /** the longest time, seen by the poller, that the report checkpoint stood still while the store held events beyond it */
  longestStallMs: number;
}

/** Intake at `rate` for `seconds` while a poller watches `report_cases` for each acknowledged case's row. */
export async function measureReportLag(baseUrl: string, db: DataSource, rate: number, seconds: number): Promise<ReportLag> {
  const acks: Ack[] = [];
  const seenAt = new Map<string, number>();
  let loading = true;
  let lastFolded = -1;
  let lastAdvanceMs = Date.now();
  let longestStallMs = 0;
  const lastAckMs = () => acks.reduce((max, a) => Math.max(max, a.ackedAtMs), 0);
  const poller = (async () => {
    const deadline = () => !loading && Date.now() > lastAckMs() + 30_000;
    while (loading || (seenAt.size < acks.length && !deadline())) {
      const pending = acks.filter((a) => !seenAt.has(a.id)).map((a) => `complaint-${a.id}`);
      if (pending.length > 0) {
        const rows: { case_id: string }[] = await db.query(`SELECT case_id FROM report_cases WHERE case_id = ANY($1::text[])`, [pending]);
        const now = Date.now();
        for (const row of rows) seenAt.set(row.case_id.slice('complaint-'.length), now);
      }
      // how long the projector's checkpoint stands still while events wait: where a long lag comes from
      const [positions]: { store: string; folded: string }[] = await db.query(
        `SELECT (SELECT coalesce(max(global_position), 0) FROM events)::text AS store, (SELECT max_position FROM report_checkpoint)::text AS folded`,
      );
      const now = Date.now();
      const folded = Number(positions.folded);
      if (folded !== lastFolded) {
        lastFolded = folded;
        lastAdvanceMs = now;
      } else if (Number(positions.store) > folded) {
        longestStallMs = Math.max(longestStallMs, now - lastAdvanceMs);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  let intake: OpenLoopResult;
  try {
    intake = await runOpenLoop({
      label: `report lag: intake ${rate}/s for ${seconds}s`,
      ratePerSecond: rate,
      durationSeconds: seconds,
      request: async (i) => {
        const id = await fileComplaint(baseUrl, i);
        acks.push({ id, ackedAtMs: Date.now() });
      },
    });
  } finally {
    loading = false;
  }
  await poller;
  const recorded: { stream_id: string; ms: string }[] = await db.query(
    `SELECT stream_id, (extract(epoch FROM min(recorded_at)) * 1000)::text AS ms FROM events WHERE stream_id = ANY($1::text[]) GROUP BY stream_id`,
    [acks.map((a) => `complaint-${a.id}`)],
  );
  const recordedMs = new Map(recorded.map((r) => [r.stream_id.slice('complaint-'.length), Number(r.ms)]));
  const fromAck = new LatencyHistogram();
  const fromRecorded = new LatencyHistogram();
  let neverSeen = 0;
  for (const ack of acks) {
    const seen = seenAt.get(ack.id);
    if (seen === undefined) {
      neverSeen += 1;
      continue;
    }
    fromAck.recordMs(Math.max(0, seen - ack.ackedAtMs));
    const at = recordedMs.get(ack.id);
    if (at !== undefined) fromRecorded.recordMs(Math.max(0, seen - at));
  }
  const { distribution: _d, ...fromRecordedAt } = fromRecorded.summary();
  const { distribution: _i, ...intakeSummary } = intake;
  return { ...fromAck.summary(), fromRecordedAt, intake: intakeSummary, neverSeen, pollMs: POLL_MS, longestStallMs };
}
