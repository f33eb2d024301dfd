/**
 * The real API and worker as the production build runs them — `node dist/apps/api/...` and
 * `node dist/apps/worker/...`, each in its own process — against the run's PostgreSQL and
 * Temporal server, with benchmark keys. The load generator stays in the harness process.
 */
import path from 'node:path';
import { repoRoot } from '../../libs/config/src';
import { freePort } from '../../libs/embedded-services/src';
import { startNodeProcess, type NodeProcess } from './node-process';

export const BENCH_KEYS = {
  intake: 'bench-intake-secret',
  agent: 'bench-agent-secret',
  agent2: 'bench-agent-2-secret',
  manager: 'bench-manager-secret',
  director: 'bench-director-secret',
  auditor: 'bench-auditor-secret',
} as const;

/** The engine's webhook signing secret in these runs (a receiver of ours verifies with it). */
export const BENCH_WEBHOOK_SECRET = 'whsec_YmVuY2gtd2ViaG9vay1zZWNyZXQtMTIzNDU2Nzg5MDEy';

/** Ed25519 PKCS#8 DER of a fixed seed: checkpoints signed in a run verify in the same run. */
export const BENCH_AUDIT_SIGNING_KEY = Buffer.concat([
  Buffer.from('302e020100300506032b657004220420', 'hex'),
  Buffer.alloc(32, 0x42),
]).toString('base64');

export const DEFAULT_POLICY = 'policies/default.yaml';
/** seconds-scale deadlines: for the lifecycle scenario */
export const FAST_POLICY = 'policies/test-fast.yaml';

export interface BenchSystemOptions {
  databaseUrl: string;
  temporalAddress: string;
  dataDir: string;
  workflowBundle: string;
  /** relative to the repository root */
  policyFile: string;
}

export interface BenchSystem {
  baseUrl: string;
  api: NodeProcess;
  worker: NodeProcess;
  close(): Promise<void>;
}

export function benchEnv(options: BenchSystemOptions, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_TASK_QUEUE: 'complaints',
    POLICY_FILE: path.join(repoRoot(), options.policyFile),
    API_KEYS: [
      `bench-desk:intake:${BENCH_KEYS.intake}`,
      `bench-agent:agent:${BENCH_KEYS.agent}`,
      `bench-agent-2:agent:${BENCH_KEYS.agent2}`,
      `bench-manager:manager:${BENCH_KEYS.manager}`,
      `bench-director:director:${BENCH_KEYS.director}`,
      `bench-audit:auditor:${BENCH_KEYS.auditor}`,
    ].join(','),
    WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    WORKFLOW_BUNDLE: options.workflowBundle,
    DATA_DIR: options.dataDir,
    AUDIT_SIGNING_KEY: BENCH_AUDIT_SIGNING_KEY,
    // the worker's niceness as npm start sets it, unless the run names another (WORKER_NICE=0: none)
    ...(process.env.WORKER_NICE === undefined ? {} : { WORKER_NICE: process.env.WORKER_NICE }),
  };
}

export async function startBenchSystem(options: BenchSystemOptions): Promise<BenchSystem> {
  const port = await freePort();
  const env = benchEnv(options, port);
  const dist = path.join(repoRoot(), 'dist', 'apps');
  const worker = await startNodeProcess('worker', path.join(dist, 'worker/src/main.js'), env, /^worker running/);
  let api: NodeProcess;
  try {
    api = await startNodeProcess('api', path.join(dist, 'api/src/main.js'), env, /^api listening/);
  } catch (error) {
    await worker.stop();
    throw error;
  }
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    api,
    worker,
    close: async () => {
      await api.stop();
      await worker.stop();
    },
  };
}
