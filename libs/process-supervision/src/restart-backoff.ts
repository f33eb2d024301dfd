/**
 * When to restart a supervised process that died: after `initialMs`, doubling with each
 * quick death in a row, never longer than `maxMs`; a process that stayed up `stableAfterMs`
 * or longer before dying counts as healthy, so its restart waits `initialMs` again.
 */
export interface RestartBackoffOptions {
  initialMs: number;
  maxMs: number;
  stableAfterMs: number;
}

export const DEFAULT_RESTART_BACKOFF: RestartBackoffOptions = { initialMs: 1_000, maxMs: 30_000, stableAfterMs: 60_000 };

export class RestartBackoff {
  private quickDeaths = 0;

  constructor(private readonly options: RestartBackoffOptions = DEFAULT_RESTART_BACKOFF) {}

  /** The delay before restarting a process that died after running `uptimeMs`. */
  delayAfter(uptimeMs: number): number {
    if (uptimeMs >= this.options.stableAfterMs) this.quickDeaths = 0;
    const delay = Math.min(this.options.initialMs * 2 ** this.quickDeaths, this.options.maxMs);
    this.quickDeaths += 1;
    return delay;
  }
}
