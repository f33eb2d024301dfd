/**
 * What Prometheus's scrape of the API costs on a large store: GET /metrics answered one after
 * another (the store's figures read fresh each time: the snapshot is kept only a second, and
 * the calls are spaced past it), next to GET /health on the same system (PostgreSQL, Temporal
 * and the outbox backlog probed: the same-run baseline of "an operator's request that reads
 * the store").
 */
import { performance } from 'node:perf_hooks';

export interface ScrapeFigures {
  calls: number;
  metrics: { p50Ms: number; p99Ms: number; bytes: number };
  health: { p50Ms: number; p99Ms: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timedGets(url: string, calls: number, spacingMs: number): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let call = 0; call < calls; call++) {
    const started = performance.now();
    const response = await fetch(url);
    const text = await response.text();
    ms.push(performance.now() - started);
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
    bytes = text.length;
    await new Promise((resolve) => setTimeout(resolve, spacingMs));
  }
  return { ms: ms.sort((a, b) => a - b), bytes };
}

export async function measureMetricsScrape(baseUrl: string, calls: number): Promise<ScrapeFigures> {
  const round = (value: number) => Number(value.toFixed(1));
  const metrics = await timedGets(`${baseUrl}/metrics`, calls, 1_100);
  const health = await timedGets(`${baseUrl}/health`, calls, 100);
  return {
    calls,
    metrics: { p50Ms: round(percentile(metrics.ms, 50)), p99Ms: round(percentile(metrics.ms, 99)), bytes: metrics.bytes },
    health: { p50Ms: round(percentile(health.ms, 50)), p99Ms: round(percentile(health.ms, 99)) },
  };
}
