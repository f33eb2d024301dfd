/**
 * The machine-readable figures of a run (issue 7, item 4): fixed names so runs compare over
 * time; `baseline` / `ratio` are objects keyed by baseline name where a figure has two.
 */
export const FIGURE_NAMES = [
  'ack-latency-p99',
  'ack-latency-p50',
  'ack-latency-p99-200',
  'start-lag-p99',
  'backlog-drain',
  'intake-during-outage',
  'lifecycle-throughput',
  'append-batch-1',
  'append-batch-10',
  'verify-rate',
  'verify-1m-seconds',
  'replay-p99',
  'case-history-kb',
  'live-update-p99',
  'open-cases-ack-p99',
  'api-peak-rss-mb',
  'worker-peak-rss-mb',
  'notice-render-us',
  'metrics-scrape-p99',
  'report-promises-p99',
  'report-fairness-p99',
  'report-outcomes-p99',
  'report-returns-p99',
  'what-if-seconds',
  'report-lag-p99',
] as const;

export type FigureName = (typeof FIGURE_NAMES)[number];

export type BaselineValue = number | Record<string, number | null> | null;

export interface Figure {
  name: FigureName;
  /** null: not measured (see `note`) */
  value: number | null;
  unit: string;
  baseline: BaselineValue;
  ratio: BaselineValue;
  target: string;
  met: boolean | null;
  /** measured size where it differs from the name (quick runs), e.g. events verified */
  size?: number;
  note?: string;
}

export function notMeasured(name: FigureName, unit: string, target: string, note = 'not measured in this run'): Figure {
  return { name, value: null, unit, baseline: null, ratio: null, target, met: null, note };
}

export const TARGETS: Record<FigureName, string> = {
  'ack-latency-p99': '<= 0.2x the bare update-with-start p99 at 10/s',
  'ack-latency-p50': 'reported with its baseline (no separate target)',
  'ack-latency-p99-200': '<= 25 ms at 200/s',
  'start-lag-p99': '<= 2 s at 20/s',
  'backlog-drain': '>= 0.9x bare start-only rate',
  'intake-during-outage': '100% acknowledged',
  'lifecycle-throughput': '>= 0.6x bare workflow with the same activities',
  'append-batch-1': '>= 1.5x Emmett and >= 0.5x raw INSERT',
  'append-batch-10': '>= 1.5x Emmett and >= 0.5x raw INSERT',
  'verify-rate': '>= 300000 events/s',
  'verify-1m-seconds': '< 10 s for 1M events',
  'replay-p99': '< 20 ms',
  'case-history-kb': '<= 6x the events, constant in the case’s length (Temporal’s own events of an action are ~2.3x a note)',
  'live-update-p99': '< 2000 ms (an open console shows a new event within 2 s)',
  'open-cases-ack-p99': '>= 0.8x the empty-system performance (empty p99 / open p99, ack at 10/s and start lag at 20/s)',
  'api-peak-rss-mb': 'reported (no target)',
  'worker-peak-rss-mb': 'reported (no target)',
  'metrics-scrape-p99': '< 1 s with the open-cases phase’s store (Prometheus’s default scrape timeout is 10 s)',
  'notice-render-us': '<= 100 µs more per intake decision than without notices (under 5% of the API’s ~2.3 ms CPU per intake)',
  'report-promises-p99': '< 500 ms at p99 over 100,000 cases (both groupings: month and owner)',
  'report-fairness-p99': '< 500 ms at p99 over 100,000 cases (by segment)',
  'report-outcomes-p99': '< 500 ms at p99 over 100,000 cases',
  'report-returns-p99': '< 500 ms at p99 over 100,000 cases (period 2026H2)',
  'what-if-seconds': '< 30 s for a window of 10,000 cases',
  'report-lag-p99': '< 2 s from an event’s commit to its effect in the report tables, under intake at 20/s',
};

export const UNITS: Record<FigureName, string> = {
  'ack-latency-p99': 'ms',
  'ack-latency-p50': 'ms',
  'ack-latency-p99-200': 'ms',
  'start-lag-p99': 'ms',
  'backlog-drain': 'workflows/s',
  'intake-during-outage': '% acknowledged',
  'lifecycle-throughput': 'cases/s',
  'append-batch-1': 'events/s',
  'append-batch-10': 'events/s',
  'verify-rate': 'events/s',
  'verify-1m-seconds': 's',
  'replay-p99': 'ms',
  'case-history-kb': 'kB',
  'live-update-p99': 'ms',
  'open-cases-ack-p99': 'ms',
  'api-peak-rss-mb': 'MB',
  'worker-peak-rss-mb': 'MB',
  'metrics-scrape-p99': 'ms',
  'notice-render-us': 'µs',
  'report-promises-p99': 'ms',
  'report-fairness-p99': 'ms',
  'report-outcomes-p99': 'ms',
  'report-returns-p99': 'ms',
  'what-if-seconds': 's',
  'report-lag-p99': 'ms',
};

/** Figures in the fixed order, unmeasured ones filled in as such. */
export function completeFigures(measured: Figure[]): Figure[] {
  const byName = new Map(measured.map((f) => [f.name, f]));
  return FIGURE_NAMES.map((name) => byName.get(name) ?? notMeasured(name, UNITS[name], TARGETS[name]));
}

export function formatValue(value: BaselineValue): string {
  if (value === null) return '—';
  if (typeof value === 'number') return round(value);
  return Object.entries(value)
    .map(([key, v]) => `${key}: ${v === null ? 'not measured' : round(v)}`)
    .join(', ');
}

export function round(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-GB');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
