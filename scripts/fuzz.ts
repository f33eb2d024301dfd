/**
 * `npm run fuzz [-- --requests N] [-- --examples N]`: a long schemathesis campaign against
 * the engine, on servers of its own (embedded PostgreSQL and a Temporal dev server in a
 * temporary folder, or DATABASE_URL / TEMPORAL_ADDRESS), with the real API and worker in
 * this process. Round after round, each with a new seed, every role runs every check on
 * the operations it may call, until at least N test cases (default 10,000) were sent.
 * Reports: fuzz-results/<timestamp>/ (git-ignored): schemathesis's JUnit and NDJSON per
 * role and round, and summary.md / summary.json. Exits 1 on any failure.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiApp } from '../apps/api/src/create-api-app';
import { startWorkerApp } from '../apps/worker/src/create-worker-app';
import { parseConfig, repoRoot, ROLES } from '../libs/config/src';
import { freePort, startEmbeddedPostgres, startTemporalDevServer, temporalCliPath } from '../libs/embedded-services/src';
import { generateSigningKey } from '../libs/audit-trail/src';
import { WORKFLOW_BUNDLE_FILE } from './build-workflow-bundle';
import { runSchemathesis, type SchemathesisRun } from './schemathesis';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number`);
  return value;
}

async function main(): Promise<number> {
  const target = option('requests', 10_000);
  const examples = option('examples', 100);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const reportDir = path.join(repoRoot(), 'fuzz-results', stamp);
  mkdirSync(reportDir, { recursive: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'complaints-fuzz-'));
  chmodSync(dir, 0o755);
  const stops: (() => Promise<unknown>)[] = [];
  // Ctrl-C or a process manager: stop what was started here (the finally below), never orphan it
  const interrupted = new Promise<never>((_, reject) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => reject(new Error(`stopped by ${signal}`)));
  });
  try {
    return await Promise.race([campaign(), interrupted]);
  } finally {
    for (const stop of stops) await stop().catch((error: unknown) => process.stderr.write(`fuzz: stopping: ${String(error)}\n`));
    rmSync(dir, { recursive: true, force: true });
  }

  async function campaign(): Promise<number> {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort() });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.url;
    }
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      const temporal = await startTemporalDevServer({ binary: temporalCliPath(), port: await freePort(), dbFile: path.join(dir, 'temporal.db') });
      stops.push(() => temporal.stop());
      temporalAddress = temporal.address;
    }
    const keys = Object.fromEntries(ROLES.map((role) => [role, randomBytes(18).toString('base64url')]));
    const config = parseConfig({
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: `fuzz-${stamp}`,
      API_KEYS: Object.entries(keys).map(([role, secret]) => `fuzz-${role}:${role}:${secret}`).join(','),
      WEBHOOK_SECRET: `whsec_${randomBytes(24).toString('base64')}`,
      AUDIT_SIGNING_KEY: generateSigningKey(),
      LOG_LEVEL: 'error',
      // the fuzzer explores the API, not the limiter (documented: 429 is a valid answer either way)
      RATE_LIMIT: process.env.RATE_LIMIT ?? 'off',
      DATA_DIR: dir,
      WORKFLOW_BUNDLE: path.join(repoRoot(), WORKFLOW_BUNDLE_FILE),
    });
    const api = await createApiApp(config);
    await api.listen(0, '127.0.0.1');
    stops.unshift(() => api.close());
    const worker = await startWorkerApp(config);
    stops.unshift(() => worker.close());
    const address = api.getHttpServer().address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    process.stdout.write(`fuzz: API ${baseUrl}, at least ${target} test cases, ${examples} examples per operation and round; reports in ${reportDir}\n`);

    const runs: (SchemathesisRun & { round: number; seed: number })[] = [];
    for (let round = 1, sent = 0; sent < target; round++) {
      const seed = randomBytes(4).readUInt32BE();
      for (const run of await runSchemathesis({ baseUrl, keys, maxExamples: examples, seed, reportDir: path.join(reportDir, `round-${round}`) })) {
        runs.push({ ...run, round, seed });
        sent += run.testCases;
        process.stdout.write(`fuzz: round ${round} (seed ${seed}) ${run.role} ${run.phases}: ${run.testCases} test cases, ${run.exitCode === 0 ? 'passed' : `FAILED (exit ${run.exitCode})`}; ${sent} so far\n`);
      }
    }
    return report(reportDir, runs);
  }
}

function report(reportDir: string, runs: (SchemathesisRun & { round: number; seed: number })[]): number {
  const failed = runs.filter((run) => run.exitCode !== 0);
  const total = runs.reduce((sum, run) => sum + run.testCases, 0);
  const lines = [
    `# Fuzz campaign ${path.basename(reportDir)}`,
    '',
    `${total} test cases in ${runs.length} runs; ${failed.length} failed.`,
    '',
    '| round | seed | role | phases | test cases | result |',
    '|---|---|---|---|---|---|',
    ...runs.map((run) => `| ${run.round} | ${run.seed} | ${run.role} | ${run.phases} | ${run.testCases} | ${run.exitCode === 0 ? 'passed' : `failed (exit ${run.exitCode}, ${path.relative(reportDir, run.reportDir)})`} |`),
    '',
    ...failed.flatMap((run) => [`## round ${run.round}, ${run.role}, ${run.phases}`, '', '```', run.output, '```', '']),
  ];
  writeFileSync(path.join(reportDir, 'summary.md'), lines.join('\n'));
  writeFileSync(path.join(reportDir, 'summary.json'), JSON.stringify({ total, runs: runs.map(({ output: _output, ...run }) => run) }, null, 2));
  process.stdout.write(`fuzz: ${total} test cases, ${failed.length} failed runs; ${path.join(reportDir, 'summary.md')}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`fuzz failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
