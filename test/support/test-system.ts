/**
 * The real API and worker, in-process, against the run's PostgreSQL and Temporal server
 * (or ones the test names, e.g. its own Temporal server to stop and restart).
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client, Connection } from '@temporalio/client';
import path from 'node:path';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { parseConfig, repoRoot, type AppConfig } from '../../libs/config/src';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { startWorkerApp, type WorkerApp } from '../../apps/worker/src/create-worker-app';
import type { HostResolver } from '../../libs/callbacks/src';
import { activeTracing, temporalClientInterceptors } from '../../libs/observability/src';

/** The keys every test system bootstraps (the same everywhere, so parallel files agree). */
export const TEST_KEYS = {
  intake: 'test-intake-secret',
  intake2: 'test-intake2-secret',
  agent: 'test-agent-secret',
  agent2: 'test-agent2-secret',
  manager: 'test-manager-secret',
  director: 'test-director-secret',
  auditor: 'test-auditor-secret',
  admin: 'test-admin-secret',
} as const;

export const TEST_API_KEYS = [
  `desk-1:intake:${TEST_KEYS.intake}`,
  `desk-2:intake:${TEST_KEYS.intake2}`,
  `alice:agent:${TEST_KEYS.agent}`,
  `bob:agent:${TEST_KEYS.agent2}`,
  `maria:manager:${TEST_KEYS.manager}`,
  `dora:director:${TEST_KEYS.director}`,
  `audit:auditor:${TEST_KEYS.auditor}`,
  `root:admin:${TEST_KEYS.admin}`,
].join(',');

/** The checkpoint signing key of every test system (Ed25519, base64 PKCS#8 DER of a fixed seed). */
export const TEST_AUDIT_SIGNING_KEY = Buffer.concat([
  Buffer.from('302e020100300506032b657004220420', 'hex'),
  Buffer.alloc(32, 0x5a),
]).toString('base64');

export interface TestSystemOptions {
  temporalAddress?: string;
  /** a PostgreSQL of the test's own (e.g. one it stops and restarts); default: the run's */
  databaseUrl?: string;
  policyFile?: string;
  /** start the worker (default true) */
  worker?: boolean;
  /** run the worker's outbox relay (default true) */
  relay?: boolean;
  taskQueue?: string;
  /**
   * WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOWED_HOSTS; by default what receivers on this machine
   * need (http, and 127.0.0.1 and localhost allowed): a test of the rule itself sets its own
   */
  webhookDestinations?: { allowHttp: boolean; allowedHosts: string };
  /** how the worker resolves callback hosts (default: the system's resolver) */
  hostResolver?: HostResolver;
  /** CONSOLE_DIR: the built console the API serves at /console (default: <repo>/dist/console) */
  consoleDir?: string;
  /** RATE_LIMIT (default: the engine's default) */
  rateLimit?: string;
  /** METRICS_AUTH (default: none) */
  metricsAuth?: 'none' | 'admin';
  /** WORKER_METRICS_PORT (default: the worker serves no metrics; 0: any free port) */
  workerMetricsPort?: number;
  /** LOG_LEVEL (default warn) */
  logLevel?: string;
  /** where the API's and the worker's JSON log lines go (default stdout) */
  logDestination?: DestinationStream;
}

export interface TestSystem {
  baseUrl: string;
  config: AppConfig;
  api: NestExpressApplication;
  worker: WorkerApp | undefined;
  db: DataSource;
  temporal: Client;
  close(): Promise<void>;
}

export const TEST_WEBHOOK_DESTINATIONS = { allowHttp: true, allowedHosts: '127.0.0.1,localhost' };

export function testConfig(options: TestSystemOptions = {}): AppConfig {
  const destinations = options.webhookDestinations ?? TEST_WEBHOOK_DESTINATIONS;
  const databaseUrl = options.databaseUrl ?? process.env.TEST_DATABASE_URL;
  const temporalAddress = options.temporalAddress ?? process.env.TEST_TEMPORAL_ADDRESS;
  if (!databaseUrl || !temporalAddress) throw new Error('integration tests need test/global-setup.ts');
  return parseConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_TASK_QUEUE: options.taskQueue ?? 'complaints',
    POLICY_FILE: options.policyFile ?? path.join(repoRoot(), 'policies/default.yaml'),
    API_KEYS: TEST_API_KEYS,
    WEBHOOK_SECRET: 'whsec_dGVzdC13ZWJob29rLXNlY3JldC0xMjM0NTY3ODkwMTI=',
    WEBHOOK_ALLOW_HTTP: String(destinations.allowHttp),
    WEBHOOK_ALLOWED_HOSTS: destinations.allowedHosts,
    LOG_LEVEL: options.logLevel ?? 'warn',
    WORKFLOW_BUNDLE: process.env.TEST_WORKFLOW_BUNDLE,
    // small on purpose: the tests keep evicting case workflows and replaying them from history
    WORKER_MAX_CACHED_WORKFLOWS: '10',
    DATA_DIR: process.env.TEST_SERVERS_DIR,
    AUDIT_SIGNING_KEY: TEST_AUDIT_SIGNING_KEY,
    CONSOLE_DIR: options.consoleDir,
    RATE_LIMIT: options.rateLimit,
    METRICS_AUTH: options.metricsAuth,
    WORKER_METRICS_PORT: options.workerMetricsPort === undefined ? undefined : String(options.workerMetricsPort),
  });
}

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const config = testConfig(options);
  const api = await createApiApp(config, options.logDestination);
  await api.listen(0, '127.0.0.1');
  const address = api.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const worker = options.worker === false ? undefined : await startWorkerApp(config, { relay: options.relay, hostResolver: options.hostResolver, logDestination: options.logDestination });
  const connection = await Connection.connect({ address: config.temporal.address! });
  // with the engine's interceptors, so a start the test makes (as the relay does) carries the request id
  const temporal = new Client({ connection, namespace: config.temporal.namespace, interceptors: temporalClientInterceptors(activeTracing()) });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    api,
    worker,
    db: api.get(DataSource),
    temporal,
    close: async () => {
      await connection.close();
      await worker?.close();
      await api.close();
    },
  };
}
