/**
 * A Temporal worker for the bare baseline, in this process (as the engine's worker is in
 * the engine scenarios), on its own task queue, with the workflow bundled from bench/.
 */
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { bareActivities, BARE_TABLE } from './bare-activities';

export const BARE_TASK_QUEUE = 'bench-bare';

export interface BareWorker {
  stop(): Promise<void>;
}

const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: console.error };

export async function startBareWorker(temporalAddress: string, databaseUrl: string): Promise<BareWorker> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10, application_name: 'bench-bare-worker' });
  await pool.query(BARE_TABLE);
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./bare-update-workflow'), logger: quiet });
  const connection = await NativeConnection.connect({ address: temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: BARE_TASK_QUEUE,
    workflowBundle: { code },
    activities: bareActivities(pool),
  });
  const running = worker.run();
  return {
    stop: async () => {
      worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
      await pool.end();
    },
  };
}
