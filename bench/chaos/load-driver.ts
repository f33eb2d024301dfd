/**
 * The chaos run's open-loop load: complaints arrive at a fixed rate whatever the engine is
 * doing (a stalled engine does not slow the arrivals), each carried through its lifecycle
 * by its own task (case-lifecycle.ts); the overload burst adds arrivals at its own rate for
 * a while. Every case's record stays for the audit.
 */
import type { ChaosHttp } from './chaos-http';
import { newCaseRecord, runLifecycle, type CaseRecord } from './case-lifecycle';

export interface LoadDriverOptions {
  http: ChaosHttp;
  callbackUrl: string;
  thinkMs: number;
  caseDeadlineMs: number;
}

export class LoadDriver {
  readonly cases: CaseRecord[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly options: LoadDriverOptions) {}

  private arrive(burst: boolean): void {
    const record = newCaseRecord(this.cases.length, burst);
    this.cases.push(record);
    const task = runLifecycle(record, {
      http: this.options.http,
      callbackUrl: this.options.callbackUrl,
      thinkMs: this.options.thinkMs,
      deadline: performance.now() + this.options.caseDeadlineMs,
    }).catch((error: unknown) => {
      record.end = 'gave-up';
      record.lastError = `driver error: ${error instanceof Error ? error.message : String(error)}`;
    });
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  /** `count` arrivals at `ratePerSecond`, scheduled from now on a fixed clock; resolves after the last arrival. */
  arrivals(count: number, ratePerSecond: number, burst = false): Promise<void> {
    const start = performance.now();
    const interval = 1_000 / ratePerSecond;
    let next = 0;
    return new Promise((resolve) => {
      const tick = () => {
        while (!this.stopped && next < count && start + next * interval <= performance.now()) {
          next += 1;
          this.arrive(burst);
        }
        if (this.stopped || next >= count) return resolve();
        setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
      };
      tick();
    });
  }

  /** Lifecycles still running. */
  get inFlight(): number {
    return this.running.size;
  }

  /** Resolves when every lifecycle has ended (each ends by its deadline at the latest). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** No further arrivals (on a stop while the load runs). */
  stop(): void {
    this.stopped = true;
  }
}
