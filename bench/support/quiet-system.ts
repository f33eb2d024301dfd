/**
 * Between an engine run and its baseline: wait until the outbox holds no unprocessed
 * start-workflow rows (every case workflow of the run has been started), then a short
 * settle, so the baseline does not share the Temporal server with the engine's backlog.
 */
import type { DataSource } from 'typeorm';
import { START_WORKFLOW } from '../../libs/event-store/src';


/** Resolves with the milliseconds waited (or after timeoutMs with what is still pending). */
export async function waitForQuiet(db: DataSource, timeoutMs: number, settleMs = 3_000): Promise<{ waitedMs: number; stillPending: number }> {
  const started = performance.now();
  for (;;) {
    const rows: unknown = await db.query('SELECT count(*)::int AS pending FROM outbox WHERE kind = $1 AND processed_at IS NULL', [START_WORKFLOW]);
    const pending = Array.isArray(rows) && typeof rows[0]?.pending === 'number' ? rows[0].pending : 0;
    const waited = performance.now() - started;
    if (pending === 0 || waited > timeoutMs) {
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      return { waitedMs: Math.round(waited), stillPending: pending };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
