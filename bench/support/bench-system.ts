/**
 * The real API and worker, in-process (as test/support/test-system.ts starts them), against
 * the run's PostgreSQL and Temporal server, with benchmark keys.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import path from 'node:path';
import { parseConfig, repoRoot, type AppConfig } from '../../libs/config/src/app-config';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { startWorkerApp, type WorkerApp } from '../../apps/worker/src/create-worker-app';

export const BENCH_KEYS = {
  intake: 'bench-intake-secret',
  agent: 'bench-agent-secret',
  auditor: 'bench-auditor-secret',
} as const;

/** Ed25519 PKCS#8 DER of a fixed seed: checkpoints signed in a run verify in the same run. */
export const BENCH_AUDIT_SIGNING_KEY = Buffer.concat([
  Buffer.from('302e020100300506032b657004220420', 'hex'),
  Buffer.alloc(32, 0x42),
]).toString('base64');

export interface BenchSystem {
  baseUrl: string;
  config: AppConfig;
  api: NestExpressApplication;
  worker: WorkerApp;
  close(): Promise<void>;
}

export function benchConfig(databaseUrl: string, temporalAddress: string, dataDir: string, workflowBundle: string): AppConfig {
  return parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: 'complaints',
    POLICY_FILE: path.join(repoRoot(), 'policies/default.yaml'),
    API_KEYS: [
      `bench-desk:intake:${BENCH_KEYS.intake}`,
      `bench-agent:agent:${BENCH_KEYS.agent}`,
      `bench-audit:auditor:${BENCH_KEYS.auditor}`,
    ].join(','),
    WEBHOOK_SECRET: 'whsec_YmVuY2gtd2ViaG9vay1zZWNyZXQtMTIzNDU2Nzg5MDEy',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    WORKFLOW_BUNDLE: workflowBundle,
    DATA_DIR: dataDir,
    AUDIT_SIGNING_KEY: BENCH_AUDIT_SIGNING_KEY,
  });
}

export async function startBenchSystem(config: AppConfig): Promise<BenchSystem> {
  const api = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  const address = api.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let worker: WorkerApp;
  try {
    worker = await startWorkerApp(config);
  } catch (error) {
    await api.close();
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    api,
    worker,
    close: async () => {
      await worker.close();
      await api.close();
    },
  };
}
