/**
 * Open cases for the open-cases phase: counted from the case list's projection, and topped
 * up through the API (intake at 100/s, not measured) when earlier phases left fewer than
 * wanted. Each one's workflow waits on its timers (the default policy's deadlines are days
 * away), which is what the phase is about.
 */
import type { DataSource } from 'typeorm';
import { fileComplaint } from '../scenarios/ack-latency';
import { runOpenLoop } from './open-loop';
import { waitUntilRunning } from './workflow-running-times';

export async function openCaseCount(db: DataSource): Promise<number> {
  const rows: unknown = await db.query(`SELECT count(*)::int AS open FROM complaint_cases WHERE status <> 'closed'`);
  return Array.isArray(rows) && typeof rows[0]?.open === 'number' ? rows[0].open : 0;
}

const TOP_UP_RATE = 100;

/** Files the missing cases and waits until their workflows are running; how many were filed. */
export async function topUpOpenCases(baseUrl: string, temporalAddress: string, open: number, wanted: number, waitForRelay: () => Promise<unknown>): Promise<number> {
  const missing = wanted - open;
  if (missing <= 0) return 0;
  const ids: string[] = [];
  const result = await runOpenLoop({
    label: `top up: ${missing} open cases`,
    ratePerSecond: TOP_UP_RATE,
    durationSeconds: missing / TOP_UP_RATE,
    request: async (i) => {
      ids.push(`complaint-${await fileComplaint(baseUrl, i)}`);
    },
  });
  if (result.errors > 0) throw new Error(`topping up open cases: ${result.errors} requests failed (${result.firstError ?? '?'})`);
  await waitForRelay();
  await waitUntilRunning(temporalAddress, ids, 3_600_000);
  return missing;
}
