/**
 * `npm start`: the whole system on one machine. Unless DATABASE_URL / TEMPORAL_ADDRESS
 * point at real ones, it starts an embedded PostgreSQL and a Temporal dev server (with
 * its Web UI), both keeping their data in DATA_DIR; then the worker and the API as child
 * processes on the Node running this script. It prints where everything is.
 *
 * It supervises what it started: once the system is up, a worker or API that dies is
 * restarted with backoff (libs/process-supervision), each restart logged. SIGINT, SIGTERM
 * or SIGHUP, or the disappearance of the process that started it (`--parent-pid`: npm
 * passes no SIGHUP on and dies), stops every child it started, in reverse order.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, repoRoot, ROLES, type AppConfig } from '../libs/config/src';
import {
  startEmbeddedPostgres,
  startTemporalDevServer,
  temporalCliPath,
  waitForPort,
} from '../libs/embedded-services/src';
import { superviseProcess, watchParent } from '../libs/process-supervision/src';
import { checkpointSigner, generateSigningKey, publicKeyBase64 } from '../libs/audit-trail/src';
import { WORKFLOW_BUNDLE_FILE } from './build-workflow-bundle';

const EMBEDDED_PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const TEMPORAL_PORT = Number(process.env.TEMPORAL_PORT ?? 7233);
const TEMPORAL_UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

type Stopper = { name: string; stop: () => Promise<void> };
const stoppers: Stopper[] = [];
let stopping = false;
/** set once everything is up: from then on a dead worker or API is restarted */
let running = false;

function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

function warn(message: string): void {
  process.stderr.write(`${message}\n`);
}

interface DevelopmentSecrets {
  apiKeys: string;
  webhookSecret: string;
  /** Ed25519 key signing audit checkpoints (base64 PKCS#8 DER) */
  auditSigningKey: string;
}

/** Development secrets, made once and kept in DATA_DIR so restarts keep the same keys. */
function developmentSecrets(config: AppConfig): DevelopmentSecrets & { fresh: boolean } {
  const file = path.join(config.dataDir, 'dev-secrets.json');
  const kept: Partial<DevelopmentSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets: DevelopmentSecrets = {
    apiKeys: kept.apiKeys ?? ROLES.map((role) => `dev-${role}:${role}:${randomBytes(18).toString('base64url')}`).join(','),
    webhookSecret: kept.webhookSecret ?? `whsec_${randomBytes(32).toString('base64')}`,
    // files from before audit checkpoints lack the key: it is added, the others kept
    auditSigningKey: kept.auditSigningKey ?? generateSigningKey(),
  };
  const fresh = Object.keys(secrets).some((name) => !(name in kept));
  if (fresh) writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return { ...secrets, fresh };
}

/** A supervised Node process on this script's own runtime (process.execPath). */
function startNode(name: string, script: string, env: NodeJS.ProcessEnv): void {
  const supervised = superviseProcess({
    name,
    command: process.execPath,
    args: ['--enable-source-maps', path.join(repoRoot(), 'dist', script)],
    spawnOptions: { env, stdio: ['ignore', 'inherit', 'inherit'] },
    log: (line) => warn(`supervisor: ${line}`),
    shouldRestart: () => running,
    onGiveUp: (what) => {
      warn(`${what} before the system was up; stopping everything`);
      void shutdown(1);
    },
  });
  stoppers.push({ name, stop: supervised.stop });
}

/** The service being started now, if any: a stop waits for it, so that it is stopped too. */
let starting: Promise<unknown> = Promise.resolve();

/** Starts PostgreSQL or Temporal; its stopper is registered as soon as it runs. */
function startService<T extends { stop(): Promise<void> }>(name: string, start: () => Promise<T>): Promise<T> {
  const service = start().then((started) => {
    stoppers.push({ name, stop: () => started.stop() });
    return started;
  });
  starting = service.catch(() => undefined);
  return service;
}

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  running = false;
  say('\nstopping…');
  await starting;
  for (const { name, stop } of stoppers.reverse()) {
    try {
      await stop();
      say(`  ${name} stopped`);
    } catch (error) {
      process.stderr.write(`  ${name} did not stop cleanly: ${(error as Error).message}\n`);
    }
  }
  process.exit(exitCode);
}

/** The pid of the process that started us: `--parent-pid` (npm's, from the start script), else our parent now. */
function expectedParentPid(): number {
  const { values } = parseArgs({ options: { 'parent-pid': { type: 'string' } } });
  const given = values['parent-pid'];
  if (given === undefined) return process.ppid;
  if (!/^\d+$/.test(given)) throw new Error(`--parent-pid must be a process id (got "${given}")`);
  return Number(given);
}

async function main(): Promise<void> {
  // After a hang-up the terminal may refuse writes; a failed log line must not stop the shutdown.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // `on`, not `once`: a second Ctrl-C must not kill this process halfway through stopping
    process.on(signal, () => {
      say(`\n${signal} received${stopping ? ' (already stopping)' : ''}`);
      void shutdown(0);
    });
  }
  watchParent(expectedParentPid(), (parent) => {
    warn(`the process that started this one (pid ${parent}) is gone`);
    void shutdown(0);
  });
  const config = parseConfig(process.env);
  mkdirSync(config.dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: config.dataDir };

  if (!config.databaseUrl) {
    say(`starting embedded PostgreSQL on 127.0.0.1:${EMBEDDED_PG_PORT} (data in ${config.dataDir}/postgres)`);
    const pg = await startService('PostgreSQL', () => startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres'), port: EMBEDDED_PG_PORT }));
    if (stopping) return;
    env.DATABASE_URL = pg.url;
  }

  let temporalUi: string | undefined;
  if (!config.temporal.address) {
    const binary = temporalCliPath();
    say(`starting Temporal dev server on 127.0.0.1:${TEMPORAL_PORT} (data in ${config.dataDir}/temporal.db)`);
    if (!binary) say('  no provisioned Temporal CLI: the Temporal SDK downloads one (needs internet)');
    const temporal = await startService('Temporal dev server', () =>
      startTemporalDevServer({
        binary,
        port: TEMPORAL_PORT,
        uiPort: TEMPORAL_UI_PORT,
        dbFile: path.join(config.dataDir, 'temporal.db'),
        namespace: config.temporal.namespace,
        nice: config.temporalDevServerNice,
      }),
    );
    if (stopping) return;
    env.TEMPORAL_ADDRESS = temporal.address;
    temporalUi = temporal.uiUrl;
  }

  let secrets: ReturnType<typeof developmentSecrets> | undefined;
  if (config.env !== 'production' && (!config.apiKeys || config.webhookSecrets.length === 0 || !config.auditSigningKey)) {
    secrets = developmentSecrets(config);
    env.API_KEYS ??= secrets.apiKeys;
    env.WEBHOOK_SECRET ??= secrets.webhookSecret;
    env.AUDIT_SIGNING_KEY ??= secrets.auditSigningKey;
  }
  env.WORKFLOW_BUNDLE ??= path.join(repoRoot(), WORKFLOW_BUNDLE_FILE);
  // the worker's Prometheus target, next to the API's port unless the operator chose one
  env.WORKER_METRICS_PORT ??= String(config.workerMetricsPort ?? config.port + 1);

  startNode('worker', 'apps/worker/src/main.js', env);
  startNode('api', 'apps/api/src/main.js', env);
  await waitForPort(config.port, 120_000);

  if (stopping) return;
  running = true;

  const base = `http://localhost:${config.port}`;
  say('');
  say('Complaint-resolution engine is running');
  say(`  Node           ${process.version} (${process.execPath})`);
  say(`  Console        ${base}/console   (sign in with one of the API keys below)`);
  say(`  API            ${base}/v1/complaints`);
  say(`  API docs       ${base}/docs   (OpenAPI: ${base}/openapi.json)`);
  say(`  Health         ${base}/health`);
  say(`  Metrics        ${base}/metrics (API), http://localhost:${env.WORKER_METRICS_PORT}/metrics (worker, with the Temporal SDK's)`);
  if (temporalUi) say(`  Temporal UI    ${temporalUi}`);
  if (secrets && !config.apiKeys) {
    say(`  API keys (development; kept in ${path.join(config.dataDir, 'dev-secrets.json')}; paste one into the console's "API key"):`);
    for (const entry of (env.API_KEYS ?? '').split(',')) {
      const [principal, role, secret] = entry.split(':');
      say(`    ${role.padEnd(9)} ${principal.padEnd(14)} Authorization: Bearer ${secret}`);
    }
  }
  if (secrets && config.webhookSecrets.length === 0) say(`  Webhook secret ${env.WEBHOOK_SECRET}`);
  if (env.AUDIT_SIGNING_KEY) {
    const publicKey = publicKeyBase64(checkpointSigner(env.AUDIT_SIGNING_KEY).publicKey);
    say(`  Audit key      Ed25519 public key (SPKI, base64) ${publicKey}${secrets && !config.auditSigningKey ? ' (development key, kept with the others)' : ''}`);
  }
  say('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  process.stderr.write(`start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  void shutdown(1);
});
