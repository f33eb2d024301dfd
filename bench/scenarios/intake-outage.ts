/**
 * Intake while Temporal is down: complaints keep arriving at a fixed rate (open loop) while
 * the Temporal server is stopped for a while and started again. Intake is store-first, so
 * every complaint should still be answered 201; the figure is the share acknowledged, and
 * the recovery time is from the server's return until the last of those complaints'
 * workflows is running (started by the outbox relay, which retried meanwhile).
 */
import type { ServerControl } from '../support/bench-servers';
import type { LatencySummary } from '../support/latency-histogram';
import { workflowRunningTimes } from '../support/workflow-running-times';
import { measureIntake } from './ack-latency';

export interface OutageFigures {
  rate: number;
  seconds: number;
  outageSeconds: number;
  scheduled: number;
  acknowledged: number;
  acknowledgedPercent: number;
  firstError: string | undefined;
  /** intake latency over the whole run, outage included */
  latency: Omit<LatencySummary, 'distribution'>;
  /** from the server accepting connections again to the last acknowledged complaint's workflow running */
  recoverySeconds: number | null;
  workflowsNotRunning: number;
}

export async function measureIntakeDuringOutage(
  baseUrl: string,
  temporalAddress: string,
  temporal: ServerControl,
  options: { rate: number; seconds: number; outageAtSeconds: number; outageSeconds: number; waitForRelay: () => Promise<unknown> },
): Promise<OutageFigures> {
  const { rate, seconds, outageAtSeconds, outageSeconds } = options;
  let backAtMs = 0;
  const outage = (async () => {
    await new Promise((resolve) => setTimeout(resolve, outageAtSeconds * 1000));
    await temporal.stop();
    await new Promise((resolve) => setTimeout(resolve, outageSeconds * 1000));
    await temporal.restart();
    backAtMs = Date.now();
  })();
  const [intake] = await Promise.all([measureIntake(baseUrl, rate, seconds, `intake ${rate}/s, Temporal down ${outageSeconds}s`), outage]);
  await options.waitForRelay();
  const ids = intake.acks.map((a) => `complaint-${a.id}`);
  const running = await workflowRunningTimes(temporalAddress, ids, 'outage: read histories');
  const lastRunning = Math.max(...running.values());
  return {
    rate,
    seconds,
    outageSeconds,
    scheduled: intake.scheduled,
    acknowledged: intake.acks.length,
    acknowledgedPercent: (intake.acks.length / intake.scheduled) * 100,
    firstError: intake.firstError,
    latency: { count: intake.count, p50Ms: intake.p50Ms, p95Ms: intake.p95Ms, p99Ms: intake.p99Ms, maxMs: intake.maxMs },
    recoverySeconds: running.size > 0 && backAtMs > 0 ? Math.max(0, lastRunning - backAtMs) / 1000 : null,
    workflowsNotRunning: ids.length - running.size,
  };
}
