/**
 * The run over time, in buckets of a few seconds: answers per second (intake and commands
 * admitted, 429s, failures), the latency of admitted intake and commands (p50, p99, by
 * the time they were sent), and the workflow start lag (p99, by acknowledgment time).
 */
import { percentile } from './percentile';
import type { RequestRecord } from './request-log';
import type { WorkflowStart } from './workflow-starts';

export interface TimelinePoint {
  /** the bucket's start, seconds after the load began */
  t: number;
  series: string;
  panel: 'throughput' | 'latency' | 'start lag';
  value: number;
}

const ok = (r: RequestRecord) => r.status !== null && r.status >= 200 && r.status < 300;
const failed = (r: RequestRecord) => r.status === null || r.status >= 500;

export function timeline(records: readonly RequestRecord[], starts: readonly WorkflowStart[], bucketSeconds: number): TimelinePoint[] {
  const bucketOf = (seconds: number) => Math.floor(seconds / bucketSeconds) * bucketSeconds;
  const groups = new Map<number, { answered: RequestRecord[]; sent: RequestRecord[]; lags: number[] }>();
  const group = (t: number) => {
    const found = groups.get(t) ?? { answered: [], sent: [], lags: [] };
    groups.set(t, found);
    return found;
  };
  for (const r of records) {
    group(bucketOf((r.sentAt + r.ms) / 1_000)).answered.push(r);
    group(bucketOf(r.sentAt / 1_000)).sent.push(r);
  }
  for (const s of starts) if (s.lagSeconds !== null && s.requestedAt >= 0) group(bucketOf(s.requestedAt)).lags.push(s.lagSeconds);
  const points: TimelinePoint[] = [];
  for (const [t, { answered, sent, lags }] of [...groups].sort(([a], [b]) => a - b)) {
    const rate = (keep: (r: RequestRecord) => boolean) => answered.filter(keep).length / bucketSeconds;
    points.push(
      { t, panel: 'throughput', series: 'intake admitted /s', value: rate((r) => r.kind === 'intake' && ok(r)) },
      { t, panel: 'throughput', series: 'commands admitted /s', value: rate((r) => r.kind === 'command' && ok(r)) },
      { t, panel: 'throughput', series: '429 /s', value: rate((r) => r.status === 429) },
      { t, panel: 'throughput', series: 'failed (5xx, no answer) /s', value: rate(failed) },
    );
    for (const kind of ['intake', 'command'] as const) {
      const latencies = sent.filter((r) => r.kind === kind && ok(r)).map((r) => r.ms);
      for (const p of [50, 99]) {
        const value = percentile(latencies, p);
        if (value !== undefined) points.push({ t, panel: 'latency', series: `${kind} p${p} (ms)`, value: Math.max(1, value) });
      }
    }
    const lag = percentile(lags, 99);
    if (lag !== undefined) points.push({ t, panel: 'start lag', series: 'workflow start lag p99 (s)', value: lag });
  }
  return points;
}
