/** A loop's pause between rounds that its owner can cut short (new work announced, or stopping). */
export class WakeablePause {
  private wake: (() => void) | undefined;

  /** Resolves after `ms`, or at once when `wakeUp` is called meanwhile. */
  for(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  wakeUp(): void {
    this.wake?.();
  }
}
