/**
 * `npm run rebuild-projections [-- --check]`: rebuilds every case projection row from
 * its events with the domain reducer (DATABASE_URL) and reports whether the rebuilt rows
 * equal the stored ones. `--check` changes nothing and exits 1 when any row differs.
 */
import { rebuildCaseProjections } from '../libs/event-store/src';
import { runDatabaseScript } from './database-script';

const check = process.argv.includes('--check');

runDatabaseScript('complaints-rebuild', 'the database whose projections to rebuild', async (db) => {
  const report = await rebuildCaseProjections(db, { write: !check });
  process.stdout.write(
    `${report.cases} case projections rebuilt from events${check ? ' (check only: nothing written)' : ''}: ` +
      `${report.identical} identical to the stored rows, ${report.differing.length} different\n`,
  );
  for (const streamId of report.differing) process.stdout.write(`  differed: ${streamId}${check ? '' : ' (rewritten)'}\n`);
  return check && report.differing.length > 0 ? 1 : 0;
});
