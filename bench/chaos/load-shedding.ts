/**
 * Load shedding, not collapse: what the overload burst did. During the burst the intake key
 * is over its per-key limit, so the APIs answer 429 with Retry-After; the requests they do
 * admit should keep the latency intake has at normal load; and the outbox should let
 * workflow starts lag (and catch up afterwards) rather than slow intake. Compared with the
 * normal stretches of the load: seconds away from every fault.
 */
import { examples, n, type AuditLine } from './audit/audit-line';
import type { FaultMark } from './fault-schedule';
import { percentile } from './percentile';
import type { RequestRecord } from './request-log';
import type { WorkflowStart } from './workflow-starts';

/** A stretch counts as normal from this long after a fault ended (and not in the first seconds of the load). */
const SETTLE_SECONDS = 15;
const LEAD_SECONDS = 5;

export interface Spread {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export interface OverloadFigures {
  /** seconds after the load began */
  window: { start: number; end: number };
  /** the stretch after the burst: until the next fault, at most 30 s */
  after: { start: number; end: number };
  burstRequests: number;
  /** 429 answers to intake requests sent during the burst */
  tooManyDuringOverload: number;
  /** 429 answers over the whole run, and how many carried Retry-After */
  tooManyTotal: number;
  tooManyWithRetryAfter: number;
  /** latency (ms) of the intake requests admitted (2xx) */
  admittedIntakeMs: { normal: Spread; overload: Spread };
  /** workflow start lag (s) of the cases acknowledged in each stretch; `after`: from the burst's end to the next fault (at most 30 s) */
  startLagSeconds: { normal: Spread; overload: Spread; after: Spread };
  /** from the burst's end until the last workflow of a case acknowledged during it had started (s) */
  startsCaughtUpAfterSeconds: number | null;
}

function spread(values: number[]): Spread {
  return { count: values.length, p50: percentile(values, 50) ?? null, p99: percentile(values, 99) ?? null, max: values.length ? Math.max(...values) : null };
}

/** Whether `t` (s) lies in a normal stretch: inside the load, away from every fault. */
function normalAt(t: number, marks: readonly FaultMark[], loadSeconds: number): boolean {
  return t >= LEAD_SECONDS && t <= loadSeconds && marks.every((m) => t < m.start - LEAD_SECONDS || t > m.end + SETTLE_SECONDS);
}

export function overloadFigures(records: readonly RequestRecord[], starts: readonly WorkflowStart[], marks: readonly FaultMark[], loadSeconds: number): OverloadFigures | undefined {
  const burst = marks.find((m) => m.kind === 'overload');
  if (!burst) return undefined;
  const afterEnd = Math.min(burst.end + 30, ...marks.filter((m) => m.start > burst.end).map((m) => m.start));
  const inBurst = (t: number) => t >= burst.start && t <= burst.end;
  const sentSeconds = (r: RequestRecord) => r.sentAt / 1_000;
  const intake = records.filter((r) => r.kind === 'intake');
  const admitted = intake.filter((r) => r.status !== null && r.status >= 200 && r.status < 300);
  const tooMany = records.filter((r) => r.status === 429);
  const caughtUp = starts.filter((s) => inBurst(s.requestedAt));
  const lastStart = caughtUp.every((s) => s.lagSeconds !== null) && caughtUp.length > 0 ? Math.max(...caughtUp.map((s) => s.requestedAt + (s.lagSeconds ?? 0))) : null;
  const lags = (keep: (s: WorkflowStart) => boolean) => spread(starts.filter((s) => s.lagSeconds !== null && keep(s)).map((s) => s.lagSeconds ?? 0));
  return {
    window: { start: burst.start, end: burst.end },
    after: { start: burst.end, end: afterEnd },
    burstRequests: intake.filter((r) => r.burst && inBurst(sentSeconds(r))).length,
    tooManyDuringOverload: intake.filter((r) => r.status === 429 && inBurst(sentSeconds(r))).length,
    tooManyTotal: tooMany.length,
    tooManyWithRetryAfter: tooMany.filter((r) => r.retryAfter).length,
    admittedIntakeMs: {
      normal: spread(admitted.filter((r) => normalAt(sentSeconds(r), marks, loadSeconds)).map((r) => r.ms)),
      overload: spread(admitted.filter((r) => inBurst(sentSeconds(r))).map((r) => r.ms)),
    },
    startLagSeconds: {
      normal: lags((s) => normalAt(s.requestedAt, marks, loadSeconds)),
      overload: lags((s) => inBurst(s.requestedAt)),
      after: lags((s) => s.requestedAt > burst.end && s.requestedAt <= afterEnd),
    },
    startsCaughtUpAfterSeconds: lastStart === null ? null : Math.max(0, lastStart - burst.end),
  };
}

export function loadSheddingLines(figures: OverloadFigures | undefined): AuditLine[] {
  if (!figures) return [{ check: 'overload shed with 429 and Retry-After', count: 'no overload burst in the plan', pass: false }];
  const missing = figures.tooManyTotal - figures.tooManyWithRetryAfter;
  return [
    {
      check: 'overload shed with 429 and Retry-After',
      count: `${n(figures.tooManyDuringOverload)} intake requests of the burst answered 429; ${n(figures.tooManyTotal)} 429s in the run, ${n(missing)} without Retry-After`,
      pass: figures.tooManyDuringOverload > 0 && missing === 0,
      detail: examples(missing > 0 ? [`${missing} 429 answers without Retry-After`] : []),
    },
  ];
}
