/**
 * Latencies in an HDR histogram (hdr-histogram-js), recorded in microseconds (1 µs to 10 min,
 * three significant digits), summarised in milliseconds.
 */
import * as hdr from 'hdr-histogram-js';

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** the percentile distribution: [percentile, latency ms], for charts */
  distribution: [number, number][];
}

export class LatencyHistogram {
  private readonly histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });

  recordMs(ms: number): void {
    this.histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
  }

  get count(): number {
    return this.histogram.totalCount;
  }

  summary(): LatencySummary {
    const at = (p: number) => this.histogram.getValueAtPercentile(p) / 1000;
    const percentiles = [0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100];
    return {
      count: this.histogram.totalCount,
      p50Ms: at(50),
      p95Ms: at(95),
      p99Ms: at(99),
      maxMs: this.histogram.maxValue / 1000,
      distribution: percentiles.map((p) => [p, at(p)]),
    };
  }
}
