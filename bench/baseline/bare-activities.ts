/** The one activity of the bare baseline: one INSERT of one row, autocommit. */
import type { Pool } from 'pg';

export interface BareActivities {
  writeRow(id: string): Promise<void>;
}

export const BARE_TABLE = 'CREATE TABLE IF NOT EXISTS bench_bare_rows (id text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())';

export function bareActivities(pool: Pool): BareActivities {
  return {
    writeRow: async (id) => {
      await pool.query('INSERT INTO bench_bare_rows (id) VALUES ($1)', [id]);
    },
  };
}
