/**
 * `npm run rebuild-reports`: empties the report tables and folds every event of the store
 * (DATABASE_URL) into them again from the start, in global order. Workers keep running
 * meanwhile: their projectors take turns with this one on the same checkpoint, so the tables
 * end current either way.
 */
import { performance } from 'node:perf_hooks';
import { catchUpReports, reportCoverage, resetReportTables } from '../libs/event-store/src';
import { runDatabaseScript } from './database-script';

runDatabaseScript('complaints-rebuild-reports', 'the database whose report tables to rebuild', async (db) => {
  const started = performance.now();
  await resetReportTables(db);
  const folded = await catchUpReports(db);
  const coverage = await reportCoverage(db.manager);
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `report tables rebuilt: ${coverage.events} events folded (${folded} by this run) through global position ${coverage.coversThrough} in ${seconds.toFixed(1)} s\n`,
  );
  return 0;
});
