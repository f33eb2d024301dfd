/**
 * The bare baseline's Temporal worker, in its own process (as the engine's worker is): on
 * its own task queue, with the workflows of bare-workflows.ts and the one-row activity.
 * Run as `node dist/bench/baseline/bare-worker.js` with TEMPORAL_ADDRESS and DATABASE_URL;
 * `startBareWorker` does that from the harness.
 */
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import path from 'node:path';
import { Pool } from 'pg';
import { bareActivities, BARE_TABLE } from './bare-activities';
import { startNodeProcess, type NodeProcess } from '../support/node-process';

export const BARE_TASK_QUEUE = 'bench-bare';

const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error };

export function startBareWorker(temporalAddress: string, databaseUrl: string): Promise<NodeProcess> {
  return startNodeProcess(
    'bare-worker',
    path.join(__dirname, 'bare-worker.js'),
    { PATH: process.env.PATH, HOME: process.env.HOME, TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: databaseUrl },
    /^bare worker running/,
  );
}

async function main(): Promise<void> {
  const { TEMPORAL_ADDRESS: address, DATABASE_URL: databaseUrl } = process.env;
  if (!address || !databaseUrl) throw new Error('TEMPORAL_ADDRESS and DATABASE_URL are required');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const pool = new Pool({ connectionString: databaseUrl, max: 10, application_name: 'bench-bare-worker' });
  await pool.query(BARE_TABLE);
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./bare-workflows'), logger: quiet });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: BARE_TASK_QUEUE,
    workflowBundle: { code },
    activities: bareActivities(pool),
  });
  const running = worker.run();
  process.stdout.write('bare worker running\n');
  await running;
  await connection.close();
  await pool.end();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bare worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
