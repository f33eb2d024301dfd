/** The worker process: `node dist/apps/worker/src/main.js` (npm start runs it for you). */
// first: tracing must start before the modules it instruments load
import './tracing';
import 'reflect-metadata';
import { loadConfig } from '../../../libs/config/src';
import { lowerPriority } from '../../../libs/process-supervision/src';
import { startWorkerApp } from './create-worker-app';

async function main(): Promise<void> {
  const config = loadConfig();
  // below the API on shared cores: intake never waits for a workflow start, a timer or a webhook
  lowerPriority(config.workerNice);
  const app = await startWorkerApp(config);
  process.stdout.write('worker running\n');
  await app.done;
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
