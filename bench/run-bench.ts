/**
 * `npm run bench [-- --quick]`: the benchmark harness of issue 7. Starts its own embedded
 * PostgreSQL and Temporal dev server (unless DATABASE_URL / TEMPORAL_ADDRESS are set), runs
 * each scenario next to its same-run baseline, prints a table and writes
 * bench-results/<timestamp>.json and .md (with an SVG latency chart). Ctrl-C stops
 * everything it started.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { loadPolicyFile, repoRoot } from '../libs/config/src';
import { temporalCliPath } from '../libs/embedded-services/src';
import { openDatabase } from '../libs/event-store/src';
import { buildWorkflowBundle, WORKFLOW_BUNDLE_FILE } from '../scripts/build-workflow-bundle';
import { startBareWorker } from './baseline/bare-worker';
import { completeFigures, type Figure } from './report/figures';
import {
  appendFigure,
  drainFigure,
  intake200Figure,
  intakeFigures,
  lifecycleFigure,
  openCasesFigure,
  metricsScrapeFigure,
  outageFigure,
  replayFigure,
  noticeFigure,
  caseHistoryFigure,
  liveUpdateFigure,
  rssFigure,
  startLagFigure,
  verificationFigures,
  reportFigures,
  whatIfFigure,
  reportLagFigure,
  WHAT_IF_CASES,
} from './report/scenario-figures';
import { figuresTable, writeReport } from './report/write-report';
import { measureAppendRates, WRITERS } from './scenarios/append-rate';
import { measureBareUpdateWithStart, measureIntake, type IntakeRun } from './scenarios/ack-latency';
import { measureIntakeDuringOutage } from './scenarios/intake-outage';
import { measureBareLifecycle, measureLifecycle } from './scenarios/lifecycle';
import { measureReplay } from './scenarios/replay-latency';
import { measureNoticeRendering } from './scenarios/notice-rendering';
import { measureMetricsScrape } from './scenarios/metrics-scrape';
import { measureLiveUpdates } from './scenarios/live-update-latency';
import { measureReportLag, measureReportRoutes, measureWhatIf } from './scenarios/report-latency';
import { generateReportStore } from './scenarios/report-store';
import { measureBacklogDrain, measureBareStartOnly, measureStartLag, type StartLag } from './scenarios/start-lag';
import { generateStore, measureVerification } from './scenarios/verification';
import { DEFAULT_POLICY, FAST_POLICY, startBenchSystem, type BenchSystem } from './support/bench-system';
import { startBenchServers, type BenchServers } from './support/bench-servers';
import type { NodeProcess } from './support/node-process';
import type { OpenLoopResult } from './support/open-loop';
import { openCaseCount, topUpOpenCases } from './support/open-cases';
import { waitForQuiet } from './support/quiet-system';

const SCENARIOS = ['notices', 'append', 'verify', 'intake', 'replay', 'live', 'drain', 'open-cases', 'outage', 'reports', 'lifecycle'] as const;
type Scenario = (typeof SCENARIOS)[number];

interface Sizes {
  appendSeconds: number;
  verifyEvents: number;
  warmupSeconds: number;
  /** 10/s and 20/s, engine and bare baseline each */
  intakeSeconds: number;
  /** the 200/s burst: ack latency at 200/s, then the backlog drain */
  burstSeconds: number;
  /** bare start-only workflows for the drain baseline, at most */
  bareStarts: number;
  /** open cases wanted before the open-cases phase (topped up if the earlier phases left fewer) */
  openCases: number;
  outage: { rate: number; seconds: number; outageAtSeconds: number; outageSeconds: number };
  replayEvents: number;
  replayCalls: number;
  live: { followers: number; notes: number };
  lifecycle: { cases: number; concurrency: number };
  /** the report store's cases, calls per report route, what-if window's cases, seconds of 20/s intake for the report lag */
  reports: { cases: number; calls: number; whatIfCases: number; lagSeconds: number };
}

const QUICK: Sizes = {
  appendSeconds: 2,
  verifyEvents: 100_000,
  warmupSeconds: 2,
  intakeSeconds: 6,
  burstSeconds: 4,
  bareStarts: 200,
  openCases: 1_000,
  outage: { rate: 20, seconds: 14, outageAtSeconds: 3, outageSeconds: 6 },
  replayEvents: 100,
  replayCalls: 200,
  live: { followers: 10, notes: 50 },
  lifecycle: { cases: 12, concurrency: 6 },
  reports: { cases: 2_000, calls: 30, whatIfCases: WHAT_IF_CASES, lagSeconds: 10 },
};
const FULL: Sizes = {
  appendSeconds: 15,
  verifyEvents: 1_000_000,
  warmupSeconds: 10,
  intakeSeconds: 60,
  burstSeconds: 60,
  bareStarts: 2_000,
  openCases: 10_000,
  outage: { rate: 20, seconds: 50, outageAtSeconds: 5, outageSeconds: 30 },
  replayEvents: 200,
  replayCalls: 1_000,
  live: { followers: 20, notes: 300 },
  lifecycle: { cases: 200, concurrency: 16 },
  reports: { cases: 100_000, calls: 200, whatIfCases: WHAT_IF_CASES, lagSeconds: 60 },
};

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

function packageVersion(name: string): string {
  try {
    const file = path.join(repoRoot(), 'node_modules', name, 'package.json');
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : '?';
  } catch {
    return 'not installed';
  }
}

function temporalCliVersion(): string {
  const cli = temporalCliPath();
  if (!cli) return 'SDK download';
  const out = spawnSync(cli, ['--version'], { encoding: 'utf8' });
  return out.stdout.trim().replace(/^temporal version /, '') || '?';
}

type Charts = { title: string; series: { label: string; points: [number, number][] }[] }[];

async function lastOutboxId(db: DataSource): Promise<string> {
  const rows: unknown = await db.query('SELECT coalesce(max(id), 0)::text AS id FROM outbox');
  return Array.isArray(rows) && typeof rows[0]?.id === 'string' ? rows[0].id : '0';
}

/** An intake run without its per-request acks (kept out of the JSON: thousands of ids). */
function summary(run: IntakeRun): OpenLoopResult {
  const { acks: _acks, ...rest } = run;
  return rest;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = argValue('--only') === undefined ? undefined : new Set((argValue('--only') ?? '').split(','));
  const unknown = [...(only ?? [])].filter((name) => !SCENARIOS.some((scenario) => scenario === name));
  if (unknown.length > 0) throw new Error(`--only takes ${SCENARIOS.join(',')}; unknown: ${unknown.join(',')}`);
  const runs = (scenario: Scenario) => !only || only.has(scenario);
  const sizes: Sizes = { ...(quick ? QUICK : FULL) };
  const openCasesArg = argValue('--open-cases');
  if (openCasesArg !== undefined) {
    sizes.openCases = Number(openCasesArg);
    if (!Number.isInteger(sizes.openCases) || sizes.openCases < 0) throw new Error(`--open-cases takes a whole number, not ${openCasesArg}`);
  }
  const reportCasesArg = argValue('--report-cases');
  if (reportCasesArg !== undefined) {
    sizes.reports = { ...sizes.reports, cases: Number(reportCasesArg) };
    if (!Number.isInteger(sizes.reports.cases) || sizes.reports.cases < 1) throw new Error(`--report-cases takes a whole number above 0, not ${reportCasesArg}`);
  }
  const startedAt = new Date().toISOString();
  const cleanups: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async () => {
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop()!;
      await cleanup().catch((error: unknown) => process.stderr.write(`cleanup failed: ${String(error)}\n`));
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: stopping what the benchmark started …\n`);
    void stopAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // stop the servers before exiting instead of orphaning them
  const onCrash = (error: unknown) => {
    process.stderr.write(`benchmark crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    if (stopping) return;
    stopping = true;
    void stopAll().finally(() => process.exit(1));
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  const measured: Figure[] = [];
  const details: Record<string, unknown> = { sizes };
  let pgVersion = '?';
  let serverDescription = { postgres: '?', temporal: '?' };
  const charts: Charts = [];
  try {
    process.stdout.write(`benchmark (${quick ? 'quick' : 'full'}): starting PostgreSQL and Temporal …\n`);
    const servers: BenchServers = await startBenchServers();
    cleanups.push(() => servers.stop());
    const prebuilt = path.join(repoRoot(), WORKFLOW_BUNDLE_FILE);
    const bundle = existsSync(prebuilt) ? prebuilt : await buildWorkflowBundle(path.join(servers.dir, 'workflow-bundle.js'));
    const db: DataSource = await openDatabase({ url: servers.databaseUrl, poolSize: WRITERS + 2, applicationName: 'bench' });
    cleanups.push(() => db.destroy());
    const pgVersionRows: unknown = await db.query('SHOW server_version');
    pgVersion = Array.isArray(pgVersionRows) && typeof pgVersionRows[0]?.server_version === 'string' ? pgVersionRows[0].server_version : '?';
    serverDescription = servers.description;

    const failures: Record<string, string> = {};
    details.failures = failures;
    const attempt = async (scenario: Scenario, body: () => Promise<void>) => {
      if (!runs(scenario)) return;
      const started = performance.now();
      try {
        await body();
      } catch (error) {
        if (stopping) throw error;
        failures[scenario] = error instanceof Error ? error.message : String(error);
        process.stderr.write(`scenario ${scenario} failed: ${failures[scenario]}\n`);
      }
      process.stdout.write(`  ${scenario}: ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    };

    // 0. the cost of writing the customer's notices, in process, before anything else runs
    await attempt('notices', async () => {
      const notices = measureNoticeRendering(quick ? 5 : 20, quick ? 300 : 2_000);
      details.notices = notices;
      measured.push(noticeFigure(notices));
    });

    // 1. append rate, then whole-store verification: on a quiet system, before the API runs
    await attempt('append', async () => {
      const outboxBefore = await lastOutboxId(db);
      try {
        for (const batch of [1, 10] as const) {
          const rates = await measureAppendRates(db, servers.databaseUrl, batch, sizes.appendSeconds);
          details[`append-batch-${batch}`] = rates;
          measured.push(appendFigure(batch === 1 ? 'append-batch-1' : 'append-batch-10', rates));
        }
      } finally {
        // the outbox rows the append wrote (workflow starts, webhooks) are for cases no worker
        // can start (their policy is not registered): done, so the engine's relay does not
        // retry them through the later phases
        await db.query('UPDATE outbox SET processed_at = now() WHERE id > $1 AND processed_at IS NULL', [outboxBefore]);
      }
    });
    await attempt('verify', async () => {
      const generated = await generateStore(db, sizes.verifyEvents);
      const verification = await measureVerification(db, generated);
      details.verification = verification;
      measured.push(...verificationFigures(verification));
    });

    const systemScenarios: Scenario[] = ['intake', 'replay', 'live', 'drain', 'open-cases', 'outage', 'reports', 'lifecycle'];
    if (!systemScenarios.some(runs)) return finish();

    // 2. the API and the worker (and the bare baseline's worker), each in its own process
    const processes: NodeProcess[] = [];
    const startSystem = async (policyFile: string) => {
      const system = await startBenchSystem({ databaseUrl: servers.databaseUrl, temporalAddress: servers.temporalAddress, dataDir: servers.dir, workflowBundle: bundle, policyFile });
      processes.push(system.api, system.worker);
      cleanups.push(() => system.close());
      return system;
    };
    const system: BenchSystem = await startSystem(DEFAULT_POLICY);
    const systemCleanup = cleanups[cleanups.length - 1];
    const bare = await startBareWorker(servers.temporalAddress, servers.databaseUrl);
    cleanups.push(() => bare.stop());
    const quiet = (timeoutMs = 600_000) => waitForQuiet(db, timeoutMs, quick ? 1_000 : 3_000);

    // 3. intake latency at 10/s and 20/s, each next to the bare update-with-start; start lag at 20/s
    const empty: { ack10?: OpenLoopResult; lag20?: StartLag } = {};
    await attempt('intake', async () => {
      await measureIntake(system.baseUrl, 5, sizes.warmupSeconds, 'warm-up: intake 5/s');
      await quiet();
      await measureBareUpdateWithStart(servers.temporalAddress, 5, sizes.warmupSeconds);
      const intake: Record<string, unknown> = {};
      for (const rate of [10, 20]) {
        const ours = await measureIntake(system.baseUrl, rate, sizes.intakeSeconds);
        const quietAfterOurs = await quiet();
        const lag = rate === 20 ? await measureStartLag(servers.temporalAddress, ours.acks) : undefined;
        const bareRun = await measureBareUpdateWithStart(servers.temporalAddress, rate, sizes.intakeSeconds);
        await quiet(10_000);
        intake[`${rate}`] = { ours: summary(ours), bare: bareRun, quietAfterOurs, startLag: lag };
        charts.push({
          title: `Intake → acknowledged at ${rate}/s (open loop, ${sizes.intakeSeconds} s)`,
          series: [
            { label: 'POST /v1/complaints (engine)', points: ours.distribution },
            { label: 'bare update-with-start + 1 activity', points: bareRun.distribution },
          ],
        });
        if (rate === 10) {
          empty.ack10 = ours;
          measured.push(...intakeFigures(ours, bareRun));
        }
        if (lag) {
          empty.lag20 = lag;
          measured.push(startLagFigure(lag, rate));
        }
      }
      details.intake = intake;
    });

    // 4. as-of replay of a 200-event case
    await attempt('replay', async () => {
      const replay = await measureReplay(system.baseUrl, servers.temporalAddress, sizes.replayEvents, sizes.replayCalls);
      details.replay = replay;
      measured.push(replayFigure(replay), caseHistoryFigure(replay));
    });

    // 4b. how soon open consoles see a new event (server-sent events fed by LISTEN/NOTIFY)
    await attempt('live', async () => {
      const live = await measureLiveUpdates(system.baseUrl, sizes.live.followers, sizes.live.notes);
      details.live = live;
      measured.push(liveUpdateFigure(live));
    });

    // 5. a burst at 200/s: its ack latency, then how fast its workflow backlog drains vs bare start-only
    await attempt('drain', async () => {
      const burst = await measureIntake(system.baseUrl, 200, sizes.burstSeconds, `burst: intake 200/s for ${sizes.burstSeconds}s`);
      const burstEndMs = Date.now();
      charts.push({ title: `Intake → acknowledged at 200/s (open loop, ${sizes.burstSeconds} s)`, series: [{ label: 'POST /v1/complaints (engine)', points: burst.distribution }] });
      measured.push(intake200Figure(burst, sizes.burstSeconds));
      await quiet(1_800_000);
      const drain = await measureBacklogDrain(servers.temporalAddress, burst.acks, burstEndMs);
      await quiet(10_000);
      const bareDrain = await measureBareStartOnly(servers.temporalAddress, Math.max(100, Math.min(drain.backlog, sizes.bareStarts)));
      details['intake-200'] = summary(burst);
      details.drain = { ours: drain, bare: bareDrain };
      measured.push(drainFigure(drain, bareDrain));
    });

    // 6. with many open cases waiting on their timers: ack p99 at 10/s and start lag at 20/s again
    await attempt('open-cases', async () => {
      const before = await openCaseCount(db);
      const topUp = await topUpOpenCases(system.baseUrl, servers.temporalAddress, before, sizes.openCases, () => quiet(7_200_000));
      const openCases = await openCaseCount(db);
      const ours = await measureIntake(system.baseUrl, 10, sizes.intakeSeconds, `intake 10/s with ${openCases} open cases`);
      await quiet();
      const lagRun = await measureIntake(system.baseUrl, 20, sizes.intakeSeconds, `intake 20/s with ${openCases} open cases`);
      await quiet();
      const lag = await measureStartLag(servers.temporalAddress, lagRun.acks);
      const scrape = await measureMetricsScrape(system.baseUrl, quick ? 10 : 30);
      details['open-cases'] = {
        openCases,
        toppedUp: topUp,
        ack10: summary(ours),
        ack20: summary(lagRun),
        startLag: lag,
        empty: { ack10: empty.ack10 && summary({ ...empty.ack10, acks: [] }), startLag20: empty.lag20 },
        scrape,
      };
      measured.push(openCasesFigure(openCases, ours, empty.ack10, lag, empty.lag20), metricsScrapeFigure(openCases, scrape));
    });

    // 7. intake with the Temporal server stopped for a while (only when the harness runs it)
    await attempt('outage', async () => {
      if (!servers.temporalControl) throw new Error('TEMPORAL_ADDRESS names an external server: the harness cannot stop it');
      const outage = await measureIntakeDuringOutage(system.baseUrl, servers.temporalAddress, servers.temporalControl, { ...sizes.outage, waitForRelay: () => quiet() });
      details.outage = outage;
      measured.push(outageFigure(outage));
    });

    // 7b. the reports over a generated store of realistic case histories (under the policy the
    //     API runs, so what-if replays them), and the report tables' lag under intake at 20/s
    await attempt('reports', async () => {
      const { cases, calls, whatIfCases, lagSeconds } = sizes.reports;
      const policy = loadPolicyFile(path.join(repoRoot(), DEFAULT_POLICY));
      const now = new Date();
      const store = await generateReportStore(db, { cases, policy, from: new Date(now.getTime() - 335 * 86_400_000), now });
      const window = { from: store.from, to: new Date(Date.now() + 60_000).toISOString() };
      const yesterday = new Date(now.getTime() - 86_400_000);
      const returnsPeriod = `${yesterday.getUTCFullYear()}H${yesterday.getUTCMonth() < 6 ? 1 : 2}`;
      const latencies = await measureReportRoutes(system.baseUrl, window, calls, returnsPeriod);
      const whatIf = await measureWhatIf(system.baseUrl, db, policy, Math.min(whatIfCases, cases));
      await quiet();
      const lag = await measureReportLag(system.baseUrl, db, 20, lagSeconds);
      details.reports = { store, latencies, whatIf, lag: { ...lag, distribution: undefined } };
      charts.push({ title: `Intake → visible in the report tables at 20/s (${lagSeconds} s, ${cases} cases in the store)`, series: [{ label: 'report lag (201 → row in report_cases)', points: lag.distribution }] });
      measured.push(...reportFigures(store, latencies), whatIfFigure(store, whatIf), reportLagFigure(lag, 20));
    });

    // 8. full lifecycles through the API under the seconds-scale policy (a fresh API and
    //    worker with that policy), next to bare workflows running as many activities
    await attempt('lifecycle', async () => {
      await system.close();
      cleanups.splice(cleanups.indexOf(systemCleanup), 1);
      const fast = await startSystem(FAST_POLICY);
      const { cases, concurrency } = sizes.lifecycle;
      await measureLifecycle(fast.baseUrl, servers.temporalAddress, concurrency, concurrency); // warm-up, not recorded
      const ours = await measureLifecycle(fast.baseUrl, servers.temporalAddress, cases, concurrency);
      const bareRun = await measureBareLifecycle(servers.temporalAddress, ours.activitiesPerCase, cases, concurrency);
      details.lifecycle = { ours, bare: bareRun };
      measured.push(lifecycleFigure(ours, bareRun));
    });

    const peak = (name: string) => {
      const values = processes.filter((p) => p.name === name).map((p) => p.peakRssMb()).filter((v): v is number => v !== undefined);
      return values.length > 0 ? Math.max(...values) : undefined;
    };
    measured.push(
      rssFigure('api-peak-rss-mb', peak('api'), 'VmHWM of the API process over the run (its own process, as in production)'),
      rssFigure('worker-peak-rss-mb', peak('worker'), `VmHWM of the worker process over the run (workflow cache ${process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 300})`),
    );
    details.harnessPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    details.bareWorkerPeakRssMb = bare.peakRssMb();
    return finish();
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }

  function finish(): void {
    const figures = completeFigures(measured);
    const cpus = os.cpus();
    const written = writeReport(
      path.join(repoRoot(), 'bench-results'),
      {
        startedAt,
        finishedAt: new Date().toISOString(),
        mode: quick ? 'quick' : 'full',
        machine: { cpus: cpus.length, cpuModel: cpus[0]?.model ?? '?', memoryGb: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}` },
        versions: {
          node: process.version,
          postgresql: pgVersion,
          'temporal CLI': temporalCliVersion(),
          '@temporalio/client': packageVersion('@temporalio/client'),
          '@event-driven-io/emmett-postgresql': packageVersion('@event-driven-io/emmett-postgresql'),
          pg: packageVersion('pg'),
          typeorm: packageVersion('typeorm'),
        },
        servers: serverDescription,
        figures,
        details,
        method: methodNotes(sizes),
      },
      charts,
    );
    process.stdout.write(`\n${figuresTable(figures)}\n\nwritten: ${written.json}\n         ${written.markdown}\n`);
  }
}

function methodNotes(sizes: Sizes): string[] {
  return [
    `Everything runs on this machine. The harness process is the load generator; the API, the worker and the bare baseline's worker each run in their own Node.js process (the production build, \`dist/apps/...\`); PostgreSQL (fsync on) and the Temporal dev server (SQLite, WAL) are separate processes on loopback. On 2 cores they all compete for CPU.`,
    `Append rate: ${WRITERS} concurrent writers for ${sizes.appendSeconds} s per store and batch size (1 and 10); each writer appends to its own stream and starts a new one every 100 events. Ours = \`recordComplaintEvents\`, the engine's real write path (hash chain, idempotency, case projection and outbox rows in one statement); Emmett (\`@event-driven-io/emmett-postgresql\`, expected stream version); a raw multi-row INSERT into an equivalent table, autocommit; same database, same run (details in BENCHMARKS.md).`,
    `Verification: a store of ${sizes.verifyEvents.toLocaleString('en-GB')} generated events, then \`verifyStore\` over the whole database in one REPEATABLE READ snapshot (its fast pass in one key range of streams per core, each on its own COPY connection and worker thread, in that snapshot exported); verify-rate = events checked / wall time of that call.`,
    `Intake latency: open loop at a fixed arrival rate (10/s and 20/s for ${sizes.intakeSeconds} s each after a ${sizes.warmupSeconds} s warm-up at 5/s that is not recorded; engine first, then — once the outbox has started every case workflow of that run and 3 s (quick: 1 s) have passed — the bare baseline at the same rate); each latency runs from the request's scheduled send time to its answer (no coordinated omission), HDR histogram (µs, 3 significant digits). Ours = \`POST /v1/complaints\` answered 201. Baseline = bare Temporal update-with-start of a workflow whose update runs one activity inserting one row, timed to the update's completion.`,
    `Start lag: for every complaint of the 20/s run, from its 201 (harness clock) to the first WorkflowTaskCompleted event of its workflow (Temporal server clock, same machine), read from the histories after the run.`,
    `Burst and drain: 200/s for ${sizes.burstSeconds} s (ack-latency-p99-200); then the rate at which the workflows not yet running at the burst's end began running (first workflow task completed), vs as many bare start-only workflows (up to ${sizes.bareStarts}) started through the client with 100 starts in flight on the same server, timed from the first start to the last one running.`,
    `Open cases: at least ${sizes.openCases.toLocaleString('en-GB')} open cases (the earlier phases' cases, topped up through the API if fewer), each workflow waiting on its timers (default policy: days away); then intake at 10/s and 20/s for ${sizes.intakeSeconds} s each; ratio = empty-system p99 / open-cases p99.`,
    `Outage: intake at ${sizes.outage.rate}/s for ${sizes.outage.seconds} s; the Temporal dev server is stopped ${sizes.outage.outageAtSeconds} s in and started again (same port and SQLite file) ${sizes.outage.outageSeconds} s later; acknowledged share, and the time from its return to the last of those complaints' workflows running.`,
    `As-of replay: one case built to ~${sizes.replayEvents} events through the API (real notes through its workflow), then ${sizes.replayCalls} sequential \`GET /v1/complaints/{id}/replay?asOf=\` calls after 20 warm-up calls; each timing is one HTTP round trip.`,
    `Lifecycle: ${sizes.lifecycle.cases} complaints driven through the API from intake to closed (take, call, compensation within the agent's limit, final response, satisfaction confirmed) with ${sizes.lifecycle.concurrency} in flight, under policies/test-fast.yaml (a fresh API and worker; ${sizes.lifecycle.concurrency} warm-up cases not recorded); baseline: as many bare workflows at the same concurrency, each running as many sequential one-row activities as a case's workflow ran, started and awaited through the client.`,
    `Notices: \`decideIntake\` in the harness process, under policies/default.yaml and under the same policy without \`notices\` (alternating, three passes each; median µs per call of rounds of calls after a warm-up round); a Hebrew final-response notice the same way; the JSON bytes of a case's workflow start input under each.`,
    `Reports: ${sizes.reports.cases.toLocaleString('en-GB')} case histories decided by the domain's deciders under policies/default.yaml (received over the last 335 days; categories, segments, channels, languages and lifecycles drawn from fixed shares with a seeded generator), written straight to the store in bulk with the real hash chain (\`chainEvent\`), then the report tables caught up (\`catchUpReports\` beside the worker's projector). Each report route called ${sizes.reports.calls} times one after another (3 warm-up calls) over every generated case, next to GET /health as often; what-if: one POST over the window of the first ${sizes.reports.whatIfCases.toLocaleString('en-GB')} cases received (all of them when fewer), candidate = every resolution deadline doubled; report lag: intake at 20/s for ${sizes.reports.lagSeconds} s, from each 201 to the first poll (every 20 ms) finding the case's row in report_cases.`,
    `Peak RSS: VmHWM from /proc/<pid>/status of the API and worker processes, read while they run.`,
  ];
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
