/** The API process: `node dist/apps/api/src/main.js` (npm start runs it for you). */
// first: tracing must start before the modules it instruments load
import './tracing';
import 'reflect-metadata';
import { loadConfig } from '../../../libs/config/src';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.port, '0.0.0.0');
  process.stdout.write(`api listening on http://localhost:${config.port} (docs: /docs)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
