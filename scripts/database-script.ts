/**
 * How a maintenance script runs against the store named by DATABASE_URL: the database opened
 * (2 connections, under `applicationName`), `work` run on it, the database closed; the
 * process exits with `work`'s code (2 without DATABASE_URL, 1 when it throws, saying why).
 */
import { loadConfig } from '../libs/config/src';
import { openDatabase } from '../libs/event-store/src';

type Database = Awaited<ReturnType<typeof openDatabase>>;

export function runDatabaseScript(applicationName: string, purpose: string, work: (db: Database) => Promise<number>): void {
  const run = async (): Promise<number> => {
    const { databaseUrl } = loadConfig();
    if (!databaseUrl) {
      process.stderr.write(`DATABASE_URL is required (${purpose})\n`);
      return 2;
    }
    const db = await openDatabase({ url: databaseUrl, poolSize: 2, applicationName });
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  };
  run().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${applicationName} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
