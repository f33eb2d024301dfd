/**
 * `npm run chaos [-- --quick] [-- --out <folder>]`: proof under fire. Starts PostgreSQL, the
 * Temporal dev server (SQLite file), two API processes and two worker processes (the
 * production build), and a webhook receiver; drives an open-loop load of complaints
 * through their whole lifecycles over HTTP across both APIs while, on a printed schedule,
 * workers are killed with SIGKILL and restarted, Temporal and PostgreSQL are restarted, an
 * API is killed mid-request, the receiver fails, hangs and answers slowly, and a burst
 * overloads intake. Then it audits what the store, Temporal, /metrics and the receiver
 * hold against what the load was told, prints the table, writes the results to
 * chaos-results/<timestamp>/ and exits 1 if any check failed (2 if the run itself broke).
 * Everything it started is stopped at the end, on Ctrl-C and on a crash.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { checkpointSigner } from '../../libs/audit-trail/src';
import { repoRoot } from '../../libs/config/src';
import { openDatabase } from '../../libs/event-store/src';
import { WORKFLOW_BUNDLE_FILE } from '../../scripts/build-workflow-bundle';
import { startBenchServers, type BenchServers } from '../support/bench-servers';
import { BENCH_AUDIT_SIGNING_KEY, BENCH_WEBHOOK_SECRET } from '../support/bench-system';
import { auditTable } from './audit/audit-line';
import { runAudit } from './chaos-audit';
import { ChaosHttp } from './chaos-http';
import { AUDITOR } from './chaos-keys';
import { burstCases, chaosPlan, loadSeconds } from './chaos-plan';
import { ChaosProcesses } from './chaos-processes';
import { writeChaosReport, type ChaosReport } from './chaos-report';
import { runFaults } from './fault-schedule';
import { LoadDriver } from './load-driver';
import { loadSheddingLines, overloadFigures } from './load-shedding';
import { RequestLog } from './request-log';
import { timeline } from './timeline';
import { timelineSvg } from './timeline-chart';
import { startWebhookReceiver } from './webhook-receiver';
import { workflowStarts } from './workflow-starts';

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

const say = (line: string) => process.stdout.write(`chaos: ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Wait until the outbox is empty, only open cases have running workflows and no event has
 * been appended for 5 s (a delivered webhook's outcome is recorded after its outbox row is
 * done), or the timeout.
 */
async function drain(db: DataSource, client: Client, timeoutMs: number): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  let lastEvents = -1;
  let quietSince = performance.now();
  for (;;) {
    const [row]: { pending: number; open: number; events: number }[] = await db.query(
      `SELECT (SELECT count(*)::int FROM outbox WHERE processed_at IS NULL) AS pending,
              (SELECT count(*)::int FROM complaint_cases WHERE status <> 'closed') AS open,
              (SELECT count(*)::int FROM events) AS events`,
    );
    if (row.events !== lastEvents) quietSince = performance.now();
    lastEvents = row.events;
    const running = (await client.workflow.count(`WorkflowType = 'complaintWorkflow' AND ExecutionStatus = 'Running'`)).count;
    const state = `${row.pending} outbox rows pending, ${row.open} cases open, ${running} case workflows running, ${row.events} events`;
    if ((row.pending === 0 && running === row.open && performance.now() - quietSince >= 5_000) || performance.now() > deadline) return state;
    await sleep(1_000);
  }
}

async function main(): Promise<number> {
  // the replay check runs Temporal's replay worker in this process: its warnings only
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const plan = chaosPlan(process.argv.includes('--quick'));
  const startedAt = new Date();
  const runDir = path.resolve(argValue('--out') ?? path.join(repoRoot(), 'chaos-results'), startedAt.toISOString().replace(/[:.]/g, '-'));
  const logDir = path.join(runDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const bundle = path.join(repoRoot(), WORKFLOW_BUNDLE_FILE);
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run chaos\`, which builds first`);
  if (process.env.DATABASE_URL || process.env.TEMPORAL_ADDRESS) say('DATABASE_URL / TEMPORAL_ADDRESS are ignored: the run restarts servers of its own');

  const cleanups: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async () => {
    while (cleanups.length > 0) await cleanups.pop()!().catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: stopping what the chaos run started …\n`);
    void stopAll().finally(() => process.exit(130));
  };
  const onCrash = (error: unknown) => {
    process.stderr.write(`chaos run crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    if (stopping) return;
    stopping = true;
    void stopAll().finally(() => process.exit(2));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  const phases: Record<string, number> = {};
  let phaseStart = performance.now();
  const endPhase = (name: string) => {
    phases[name] = (performance.now() - phaseStart) / 1_000;
    phaseStart = performance.now();
  };
  try {
    say(`${plan.mode} run: ${plan.cases} complaints at ${plan.ratePerSecond}/s + ${burstCases(plan)} in a burst, ${plan.faults.length} faults; results in ${runDir}`);
    say('starting PostgreSQL, the Temporal dev server, 2 workers, 2 APIs and the webhook receiver …');
    // the Temporal dev server at niceness 0 too, unless TEMPORAL_DEV_SERVER_NICE says otherwise (see chaos-processes.ts)
    const servers: BenchServers = await startBenchServers({ TEMPORAL_DEV_SERVER_NICE: process.env.TEMPORAL_DEV_SERVER_NICE ?? '0' });
    cleanups.push(() => servers.stop());
    const { temporalControl, postgresControl } = servers;
    if (!temporalControl || !postgresControl) throw new Error('the run needs servers of its own');
    const receiver = await startWebhookReceiver(BENCH_WEBHOOK_SECRET);
    cleanups.push(() => receiver.close());
    const processes = await ChaosProcesses.start({
      databaseUrl: servers.databaseUrl,
      temporalAddress: servers.temporalAddress,
      dataDir: servers.dir,
      workflowBundle: bundle,
      rateLimitPerSecond: plan.rateLimitPerSecond,
      logDir,
    });
    cleanups.push(() => processes.stop());
    endPhase('start');

    // the load, the faults on their schedule, a signed checkpoint now and then, a status line every 10 s
    const t0 = performance.now();
    const loadStartedAt = new Date();
    const log = new RequestLog(t0);
    const http = new ChaosHttp(processes.apiUrls, log);
    const auditLog = new RequestLog(t0);
    const auditHttp = new ChaosHttp(processes.apiUrls, auditLog);
    const driver = new LoadDriver({ http, callbackUrl: receiver.url, thinkMs: plan.thinkSeconds * 1_000, caseDeadlineMs: plan.caseDeadlineSeconds * 1_000 });
    cleanups.push(async () => driver.stop());
    let checkpointsSigned = 0;
    const checkpoints = setInterval(() => {
      void auditHttp.request('read', 'POST', '/v1/audit/checkpoints', AUDITOR).then((reply) => (checkpointsSigned += reply.status === 201 ? 1 : 0));
    }, plan.checkpointEverySeconds * 1_000);
    const status = setInterval(() => {
      const answers = log.statusCounts();
      const accepted = driver.cases.filter((c) => c.ids.length > 0).length;
      say(
        `${((performance.now() - t0) / 1_000).toFixed(0).padStart(5)} s: ${driver.cases.length} complaints, ${accepted} accepted, ` +
          `${driver.inFlight} lifecycles running; answers ${Object.entries(answers).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      );
    }, 10_000);
    const [marks] = await Promise.all([
      runFaults(
        plan.faults,
        {
          processes,
          temporal: temporalControl,
          postgres: postgresControl,
          receiver,
          http,
          overload: (seconds) => driver.arrivals(Math.round(seconds * plan.burstRatePerSecond), plan.burstRatePerSecond, true),
        },
        t0,
        say,
      ),
      driver.arrivals(plan.cases, plan.ratePerSecond),
    ]);
    endPhase('load');
    say(`last arrival; waiting for ${driver.inFlight} lifecycles to end …`);
    await driver.settled();
    clearInterval(checkpoints);
    clearInterval(status);
    endPhase('lifecycles');

    const db = await openDatabase({ url: servers.databaseUrl, poolSize: 4, applicationName: 'chaos-audit' });
    cleanups.push(() => db.destroy());
    const connection = await Connection.connect({ address: servers.temporalAddress });
    cleanups.push(() => connection.close());
    say(`drained: ${await drain(db, new Client({ connection, namespace: 'default' }), plan.drainTimeoutSeconds * 1_000)}`);
    endPhase('drain');

    const audit = await runAudit(
      {
        db,
        http: auditHttp,
        apiMetricsUrls: processes.apiUrls.map((url) => `${url}/metrics`),
        workerMetricsUrls: processes.workerMetricsUrls,
        temporalAddress: servers.temporalAddress,
        workflowBundle: bundle,
        replaySample: plan.replaySample,
        records: driver.cases,
        received: receiver.received,
        tooManyRequests: () => [...log.records, ...auditLog.records].filter((r) => r.status === 429).length,
        trustedKey: checkpointSigner(BENCH_AUDIT_SIGNING_KEY).publicKey,
        runStartedAt: startedAt,
      },
      say,
    );
    const starts = await workflowStarts(db, loadStartedAt);
    const overload = overloadFigures(log.records, starts, marks, loadSeconds(plan));
    audit.push(...loadSheddingLines(overload));
    for (const mark of marks.filter((m) => m.error)) {
      audit.push({ check: `fault carried out: ${mark.label}`, count: `at ${mark.start.toFixed(1)} s`, pass: false, detail: mark.error });
    }
    endPhase('audit');

    const points = timeline(log.records, starts, plan.bucketSeconds);
    const pass = audit.every((line) => line.pass);
    const cpus = os.cpus();
    const lifecycles: Record<string, number> = {};
    for (const record of driver.cases) lifecycles[record.end ?? 'unended'] = (lifecycles[record.end ?? 'unended'] ?? 0) + 1;
    const report: ChaosReport = {
      mode: plan.mode,
      pass,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: { cpus: cpus.length, cpuModel: cpus[0]?.model ?? '?', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
      plan,
      phases,
      load: {
        casesSent: driver.cases.length,
        burstCases: driver.cases.filter((c) => c.burst).length,
        answers: log.statusCounts(),
        lifecycles,
        checkpointsSigned,
      },
      faults: marks,
      audit,
      overload,
      timeline: points,
      logs: logDir,
    };
    const svg = await timelineSvg(points, marks, `Chaos run ${report.startedAt} (${plan.mode}): ${pass ? 'pass' : 'FAIL'}`).catch((error: unknown) => {
      say(`the chart could not be drawn: ${String(error)}`);
      return undefined;
    });
    const written = writeChaosReport(runDir, report, svg);
    process.stdout.write(`\n${auditTable(audit)}\n\n${pass ? 'PASS' : 'FAIL'}: ${audit.filter((l) => l.pass).length}/${audit.length} checks passed\nwritten: ${written.markdown}\n         ${written.json}\n`);
    return pass ? 0 : 1;
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chaos run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
