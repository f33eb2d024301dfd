/**
 * Every HTTP request the chaos load made: when it was sent (ms after the load began), what
 * it was, which API answered, how, and how long it took. The chart, the overload figures
 * and the report read it.
 */

export type RequestKind = 'intake' | 'command' | 'read';

export interface RequestRecord {
  /** ms after the load began */
  sentAt: number;
  ms: number;
  kind: RequestKind;
  api: number;
  /** null: no answer (the connection failed or the request timed out) */
  status: number | null;
  /** the 429 answers: whether Retry-After came with it */
  retryAfter?: boolean;
  /** the complaints of the overload burst */
  burst?: boolean;
}

export class RequestLog {
  readonly records: RequestRecord[] = [];

  constructor(private readonly t0: number) {}

  /** ms after the load began */
  now(): number {
    return performance.now() - this.t0;
  }

  add(record: RequestRecord): void {
    this.records.push(record);
  }

  /** Answers by status, for the report: `2xx` together, each other status by itself, and `no answer`. */
  statusCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const record of this.records) {
      const key = record.status === null ? 'no answer' : record.status >= 200 && record.status < 300 ? '2xx' : String(record.status);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }
}
