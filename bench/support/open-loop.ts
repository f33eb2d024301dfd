/**
 * Open-loop load: requests are scheduled at a fixed arrival rate whatever the server does,
 * and each latency runs from the request's *scheduled* time to its answer, so a stalled
 * server shows up in the figures (no coordinated omission). A request that fails counts as
 * an error and its latency is still recorded.
 */
import { LatencyHistogram, type LatencySummary } from './latency-histogram';
import { startProgress } from './progress';

export interface OpenLoopOptions {
  label: string;
  ratePerSecond: number;
  durationSeconds: number;
  /** one request; resolves when it is answered (rejects on failure) */
  request(index: number): Promise<void>;
}

export interface OpenLoopResult extends LatencySummary {
  ratePerSecond: number;
  durationSeconds: number;
  scheduled: number;
  errors: number;
  firstError: string | undefined;
}

export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { ratePerSecond, durationSeconds } = options;
  const total = Math.round(ratePerSecond * durationSeconds);
  const interval = 1000 / ratePerSecond;
  const histogram = new LatencyHistogram();
  const progress = startProgress(options.label, total);
  let errors = 0;
  let firstError: string | undefined;
  let answered = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now() + 20;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        const index = next++;
        const scheduledAt = start + index * interval;
        inFlight.push(
          options.request(index).then(
            () => undefined,
            (error: unknown) => {
              errors += 1;
              firstError ??= error instanceof Error ? error.message : String(error);
            },
          ).finally(() => {
            histogram.recordMs(performance.now() - scheduledAt);
            progress.update(++answered);
          }),
        );
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    };
    setTimeout(tick, 20);
  });
  await Promise.all(inFlight);
  progress.stop();
  return { ...histogram.summary(), ratePerSecond, durationSeconds, scheduled: total, errors, firstError };
}
