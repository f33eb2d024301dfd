/**
 * `npm run rebuild-projections [-- --check]`: rebuilds every case projection row from
 * its events with the domain reducer (DATABASE_URL) and reports whether the rebuilt rows
 * equal the stored ones. `--check` changes nothing and exits 1 when any row differs.
 */
import { loadConfig } from '../libs/config/src';
import { openDatabase, rebuildCaseProjections } from '../libs/event-store/src';

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) {
    process.stderr.write('DATABASE_URL is required (the database whose projections to rebuild)\n');
    return 2;
  }
  const db = await openDatabase({ url: databaseUrl, poolSize: 2, applicationName: 'complaints-rebuild' });
  try {
    const report = await rebuildCaseProjections(db, { write: !check });
    process.stdout.write(
      `${report.cases} case projections rebuilt from events${check ? ' (check only: nothing written)' : ''}: ` +
        `${report.identical} identical to the stored rows, ${report.differing.length} different\n`,
    );
    for (const streamId of report.differing) process.stdout.write(`  differed: ${streamId}${check ? '' : ' (rewritten)'}\n`);
    return check && report.differing.length > 0 ? 1 : 0;
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
