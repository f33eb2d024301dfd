/**
 * How long a probe of a dependency may take before the answer says it did not answer:
 * health checks and the store's figures on /metrics must answer within their callers'
 * timeouts (an orchestrator's probe, Prometheus's scrape) even when PostgreSQL or Temporal hangs.
 */
export const PROBE_TIMEOUT_MS = 2_000;

export function withinProbeTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
