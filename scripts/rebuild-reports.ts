/**
 * `npm run rebuild-reports`: empties the report tables and folds every event of the store
 * (DATABASE_URL) into them again from the start, in global order. Workers keep running
 * meanwhile: their projectors take turns with this one on the same checkpoint, so the tables
 * end current either way.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../libs/config/src';
import { catchUpReports, openDatabase, reportCoverage, resetReportTables } from '../libs/event-store/src';

async function main(): Promise<number> {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) {
    process.stderr.write('DATABASE_URL is required (the database whose report tables to rebuild)\n');
    return 2;
  }
  const db = await openDatabase({ url: databaseUrl, poolSize: 2, applicationName: 'complaints-rebuild-reports' });
  try {
    const started = performance.now();
    await resetReportTables(db);
    const folded = await catchUpReports(db);
    const coverage = await reportCoverage(db.manager);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `report tables rebuilt: ${coverage.events} events folded (${folded} by this run) through global position ${coverage.coversThrough} in ${seconds.toFixed(1)} s\n`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
