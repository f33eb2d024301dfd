/** Each scenario's results as the fixed figures of issue 7 (value, same-run baseline, ratio, target, met). */
import type { AppendRates } from '../scenarios/append-rate';
import type { OutageFigures } from '../scenarios/intake-outage';
import type { LifecycleFigures } from '../scenarios/lifecycle';
import type { LiveUpdateFigures } from '../scenarios/live-update-latency';
import type { NoticeRenderingFigures } from '../scenarios/notice-rendering';
import type { ScrapeFigures } from '../scenarios/metrics-scrape';
import type { ReplayFigures } from '../scenarios/replay-latency';
import type { ReportLag, ReportLatencies, RouteTimes, WhatIfTiming } from '../scenarios/report-latency';
import type { ReportStore } from '../scenarios/report-store';
import type { DrainRate, StartLag } from '../scenarios/start-lag';
import type { VerificationFigures } from '../scenarios/verification';
import type { OpenLoopResult } from '../support/open-loop';
import { TARGETS, UNITS, type Figure } from './figures';

export function failedShare(result: OpenLoopResult): string | undefined {
  return result.errors === 0 ? undefined : `${result.errors} of ${result.scheduled} failed (first: ${result.firstError ?? '?'})`;
}

const notes = (...parts: (string | undefined | false)[]) => parts.filter(Boolean).join('; ') || undefined;

export function appendFigure(name: 'append-batch-1' | 'append-batch-10', rates: AppendRates): Figure {
  const emmettRatio = rates.emmett === undefined ? null : rates.ours / rates.emmett;
  const rawRatio = rates.ours / rates.rawInsert;
  return {
    name,
    value: rates.ours,
    unit: UNITS[name],
    baseline: { emmett: rates.emmett ?? null, 'raw-insert': rates.rawInsert },
    ratio: { emmett: emmettRatio, 'raw-insert': rawRatio },
    target: TARGETS[name],
    met: emmettRatio === null ? null : emmettRatio >= 1.5 && rawRatio >= 0.5,
    note: rates.emmettNote,
  };
}

export function intakeFigures(ours: OpenLoopResult, bare: OpenLoopResult): Figure[] {
  const note = notes('at 10/s', failedShare(ours), failedShare(bare) && `baseline: ${failedShare(bare)}`);
  const figure = (name: 'ack-latency-p99' | 'ack-latency-p50', value: number, baseline: number, met: boolean | null): Figure => ({
    name,
    value,
    unit: 'ms',
    baseline,
    ratio: value / baseline,
    target: TARGETS[name],
    met,
    note,
  });
  return [
    figure('ack-latency-p99', ours.p99Ms, bare.p99Ms, ours.errors === 0 && ours.p99Ms / bare.p99Ms <= 0.2),
    figure('ack-latency-p50', ours.p50Ms, bare.p50Ms, null),
  ];
}

export function intake200Figure(at200: OpenLoopResult, seconds: number): Figure {
  return {
    name: 'ack-latency-p99-200',
    value: at200.p99Ms,
    unit: 'ms',
    baseline: null,
    ratio: null,
    target: TARGETS['ack-latency-p99-200'],
    met: at200.errors === 0 && at200.p99Ms <= 25,
    note: notes(`${seconds} s at 200/s: p50 ${at200.p50Ms} ms, p95 ${at200.p95Ms} ms, max ${at200.maxMs} ms; no bare baseline at 200/s (it saturates near 30/s)`, failedShare(at200)),
  };
}

export function startLagFigure(lag: StartLag, rate: number): Figure {
  return {
    name: 'start-lag-p99',
    value: lag.p99Ms,
    unit: 'ms',
    baseline: null,
    ratio: null,
    target: TARGETS['start-lag-p99'],
    met: lag.notRunning === 0 && lag.p99Ms <= 2_000,
    note: notes(`at ${rate}/s over ${lag.count} cases: p50 ${lag.p50Ms} ms, max ${lag.maxMs} ms; from the 201 to the first workflow task completed`, lag.notRunning > 0 && `${lag.notRunning} workflows not running`),
  };
}

export function drainFigure(ours: DrainRate, bare: DrainRate): Figure {
  const ratio = bare.workflowsPerSecond > 0 ? ours.workflowsPerSecond / bare.workflowsPerSecond : null;
  return {
    name: 'backlog-drain',
    value: ours.workflowsPerSecond,
    unit: 'workflows/s',
    baseline: bare.workflowsPerSecond,
    ratio,
    target: TARGETS['backlog-drain'],
    met: ratio === null ? null : ours.notRunning === 0 && ratio >= 0.9,
    size: ours.backlog,
    note: notes(
      `backlog of ${ours.backlog} case workflows at the burst's end, running ${ours.seconds.toFixed(1)} s later; bare: ${bare.backlog} start-only workflows in ${bare.seconds.toFixed(1)} s`,
      ours.notRunning > 0 && `${ours.notRunning} case workflows not running`,
    ),
  };
}

export function outageFigure(outage: OutageFigures): Figure {
  return {
    name: 'intake-during-outage',
    value: outage.acknowledgedPercent,
    unit: UNITS['intake-during-outage'],
    baseline: null,
    ratio: null,
    target: TARGETS['intake-during-outage'],
    met: outage.acknowledged === outage.scheduled && outage.workflowsNotRunning === 0,
    size: outage.scheduled,
    note: notes(
      `${outage.acknowledged} of ${outage.scheduled} acknowledged at ${outage.rate}/s with Temporal stopped for ${outage.outageSeconds} s; every workflow running ${outage.recoverySeconds === null ? '?' : outage.recoverySeconds.toFixed(1)} s after Temporal returned; intake p99 ${outage.latency.p99Ms} ms`,
      outage.workflowsNotRunning > 0 && `${outage.workflowsNotRunning} workflows not running`,
      outage.firstError && `first error: ${outage.firstError}`,
    ),
  };
}

/** ratio = empty-system p99 / open-cases p99: the share of the empty system's performance kept */
export function openCasesFigure(openCases: number, ours: OpenLoopResult, empty: OpenLoopResult | undefined, lag: StartLag | undefined, emptyLag: StartLag | undefined): Figure {
  const ratio = empty ? empty.p99Ms / ours.p99Ms : null;
  const lagRatio = lag && emptyLag ? emptyLag.p99Ms / lag.p99Ms : null;
  return {
    name: 'open-cases-ack-p99',
    value: ours.p99Ms,
    unit: 'ms',
    baseline: empty?.p99Ms ?? null,
    ratio,
    target: TARGETS['open-cases-ack-p99'],
    met: ratio === null ? null : ours.errors === 0 && ratio >= 0.8 && (lagRatio === null || lagRatio >= 0.8),
    size: openCases,
    note: notes(
      `ack p99 at 10/s with ${openCases} open cases waiting on timers vs the empty system; ratio = empty / open (>= 0.8 met)`,
      lag && `start lag p99 at 20/s ${lag.p99Ms} ms vs ${emptyLag ? `${emptyLag.p99Ms} ms empty (ratio ${lagRatio?.toFixed(2)})` : 'no empty-system figure'}`,
      failedShare(ours),
    ),
  };
}

/** The API's GET /metrics on the open-cases phase's store, next to GET /health. */
export function metricsScrapeFigure(openCases: number, scrape: ScrapeFigures): Figure {
  return {
    name: 'metrics-scrape-p99',
    value: scrape.metrics.p99Ms,
    unit: 'ms',
    baseline: scrape.health.p99Ms,
    ratio: scrape.metrics.p99Ms / scrape.health.p99Ms,
    target: TARGETS['metrics-scrape-p99'],
    met: scrape.metrics.p99Ms < 1_000,
    size: openCases,
    note: `GET /metrics p50 ${scrape.metrics.p50Ms} ms (${scrape.metrics.bytes} bytes) vs GET /health p99 ${scrape.health.p99Ms} ms, p50 ${scrape.health.p50Ms} ms; ${scrape.calls} sequential calls each with ${openCases} open cases`,
  };
}

export function replayFigure(replay: ReplayFigures): Figure {
  return {
    name: 'replay-p99',
    value: replay.p99Ms,
    unit: 'ms',
    baseline: null,
    ratio: null,
    target: TARGETS['replay-p99'],
    met: replay.p99Ms < 20,
    size: replay.eventsReplayed,
    note: `p50 ${replay.p50Ms.toFixed(2)} ms over ${replay.count} sequential calls; size = events replayed`,
  };
}

/** The Temporal history of the replay scenario's case (every run of it) against its events. */
export function caseHistoryFigure(replay: ReplayFigures): Figure {
  const { historyBytes, eventsBytes, runs } = replay.history;
  const ratio = historyBytes / eventsBytes;
  return {
    name: 'case-history-kb',
    value: historyBytes / 1024,
    unit: 'kB',
    baseline: eventsBytes / 1024,
    ratio,
    target: TARGETS['case-history-kb'],
    met: ratio <= 6,
    size: replay.eventsReplayed,
    note:
      `the case's workflow history over ${runs} run(s), protobuf-encoded as Temporal stores it; ` +
      `baseline = its events as GET /events answers them (JSON with hashes); size = events`,
  };
}

export function liveUpdateFigure(live: LiveUpdateFigures): Figure {
  return {
    name: 'live-update-p99',
    value: live.delivery.p99Ms,
    unit: 'ms',
    baseline: live.command.p99Ms,
    ratio: live.delivery.p99Ms / live.command.p99Ms,
    target: TARGETS['live-update-p99'],
    met: live.delivery.p99Ms < 2_000,
    size: live.followers,
    note:
      `from sending a note to its event at the last of ${live.followers} stream followers; p50 ${live.delivery.p50Ms.toFixed(1)} ms, max ${live.delivery.maxMs.toFixed(1)} ms ` +
      `over ${live.delivery.count} notes, ${live.beforeAnswer} of them seen by every follower before the command's own answer; ` +
      `baseline = the note command's round trip to its 201 (p50 ${live.command.p50Ms.toFixed(1)} ms); size = followers`,
  };
}

export function verificationFigures(verification: VerificationFigures): Figure[] {
  const isMillion = verification.eventsChecked >= 1_000_000;
  return [
    {
      name: 'verify-rate',
      value: verification.eventsPerSecond,
      unit: 'events/s',
      baseline: null,
      ratio: null,
      target: TARGETS['verify-rate'],
      met: verification.valid && verification.eventsPerSecond >= 300_000,
      size: verification.eventsChecked,
      note: `whole store from the database, ${verification.valid ? 'valid' : `${verification.problemCount} problems`}`,
    },
    {
      name: 'verify-1m-seconds',
      value: verification.seconds,
      unit: 's',
      baseline: null,
      ratio: null,
      target: TARGETS['verify-1m-seconds'],
      met: isMillion ? verification.valid && verification.seconds < 10 : null,
      size: verification.eventsChecked,
      note: isMillion ? undefined : `measured over ${verification.eventsChecked} events, not 1M; nothing extrapolated`,
    },
  ];
}

export function rssFigure(name: 'api-peak-rss-mb' | 'worker-peak-rss-mb', mb: number | undefined, note: string): Figure {
  return { name, value: mb ?? null, unit: 'MB', baseline: null, ratio: null, target: TARGETS[name], met: null, note };
}

export function lifecycleFigure(ours: LifecycleFigures, bare: LifecycleFigures): Figure {
  const ratio = bare.casesPerSecond > 0 ? ours.casesPerSecond / bare.casesPerSecond : null;
  return {
    name: 'lifecycle-throughput',
    value: ours.casesPerSecond,
    unit: UNITS['lifecycle-throughput'],
    baseline: bare.casesPerSecond,
    ratio,
    target: TARGETS['lifecycle-throughput'],
    met: ratio === null ? null : ours.errors === 0 && ratio >= 0.6,
    size: ours.cases,
    note: notes(
      `${ours.cases} cases, ${ours.concurrency} in flight, ${ours.requestsPerCase ?? '?'} requests and ${ours.activitiesPerCase} activities per case; bare: ${bare.activitiesPerCase} activities per workflow`,
      ours.errors > 0 && `${ours.errors} cases failed (first: ${ours.firstError ?? '?'})`,
      bare.errors > 0 && `baseline: ${bare.errors} failed`,
    ),
  };
}

/** The intake decision with the acknowledgment written in the customer's language, next to the same decision without notices. */
export function noticeFigure(notices: NoticeRenderingFigures): Figure {
  const added = notices.intakeWithNoticesUs - notices.intakeWithoutNoticesUs;
  return {
    name: 'notice-render-us',
    value: notices.intakeWithNoticesUs,
    unit: 'µs',
    baseline: notices.intakeWithoutNoticesUs,
    ratio: notices.intakeWithNoticesUs / notices.intakeWithoutNoticesUs,
    target: TARGETS['notice-render-us'],
    met: added <= 100,
    note: notes(
      `decideIntake per call, median of ${notices.rounds} rounds of ${notices.callsPerRound} (Polish, Hebrew, English customers in turn); +${added.toFixed(1)} µs`,
      `a Hebrew final response (two amounts, isolates, plural): ${notices.hebrewFinalResponseUs} µs`,
      `workflow start input ${notices.startInputBytes.withNotices} bytes (the templates of the case's language) vs ${notices.startInputBytes.withoutNotices} without notices`,
    ),
  };
}

/** The size the report aims are set for: 100,000 cases (issue 11). */
export const REPORT_STORE_CASES = 100_000;
export const WHAT_IF_CASES = 10_000;

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Each report route's p99 next to GET /health's on the same system and store. */
export function reportFigures(store: ReportStore, latencies: ReportLatencies): Figure[] {
  const full = store.cases >= REPORT_STORE_CASES;
  const storeNote = `${store.cases.toLocaleString('en-GB')} cases, ${store.events.toLocaleString('en-GB')} events${full ? '' : `, not ${REPORT_STORE_CASES.toLocaleString('en-GB')}: met is left open, nothing extrapolated`}`;
  const health = latencies.health;
  const figure = (name: 'report-promises-p99' | 'report-fairness-p99' | 'report-outcomes-p99' | 'report-returns-p99', routes: RouteTimes[], what: string): Figure => {
    const p99 = Math.max(...routes.map((r) => r.p99Ms));
    return {
      name,
      value: p99,
      unit: UNITS[name],
      baseline: health.p99Ms,
      ratio: p99 / health.p99Ms,
      target: TARGETS[name],
      met: full ? p99 < 500 : null,
      size: store.cases,
      note: notes(
        `${what}: ${routes.map((r) => `${r.path.split('?')[0]}${routes.length > 1 ? ` (${new URLSearchParams(r.path.split('?')[1]).get('groupBy')})` : ''} p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}, max ${ms(r.maxMs)}, ${r.bytes} bytes`).join('; ')}`,
        `${latencies.calls} sequential calls each over every generated case (${latencies.window.from} to ${latencies.window.to}); baseline = GET /health p99 (p50 ${ms(health.p50Ms)}) on the same system`,
        storeNote,
      ),
    };
  };
  const { routes, returns } = latencies;
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  const storeFigures =
    `the store: ${store.cases.toLocaleString('en-GB')} cases (${store.openCases.toLocaleString('en-GB')} open), ${store.events.toLocaleString('en-GB')} events; ` +
    `events table ${mb(store.bytes.events)}, report_cases ${mb(store.bytes.reportCases)} (${store.rows.reportCases} rows), report_promises ${mb(store.bytes.reportPromises)} (${store.rows.reportPromises}), ` +
    `report_compensation ${mb(store.bytes.reportCompensation)} (${store.rows.reportCompensation}); generated and written in ${store.generateSeconds.toFixed(1)} s ` +
    `(${((store.generateSeconds / store.cases) * 1000).toFixed(2)} s per 1,000 cases), report tables current ${store.catchUpSeconds.toFixed(1)} s after that (the worker's projector folds while the store is written); ` +
    `the whole store (${store.verified.events.toLocaleString('en-GB')} events) verified valid by verifyStore in ${store.verified.seconds.toFixed(1)} s`;
  const promises = figure('report-promises-p99', [routes.promisesByMonth, routes.promisesByOwner], 'the slower of groupBy=month and groupBy=owner');
  return [
    { ...promises, note: notes(promises.note, storeFigures) },
    figure('report-fairness-p99', [routes.fairness], 'by=segment'),
    figure('report-outcomes-p99', [routes.outcomes], 'outcomes'),
    'notMeasured' in returns
      ? { ...notMeasuredFigure('report-returns-p99'), note: `not measured: ${returns.notMeasured}` }
      : figure('report-returns-p99', [returns], 'period 2026H2'),
  ];
}

function notMeasuredFigure(name: 'report-returns-p99'): Figure {
  return { name, value: null, unit: UNITS[name], baseline: null, ratio: null, target: TARGETS[name], met: null };
}

export function whatIfFigure(store: ReportStore, whatIf: WhatIfTiming): Figure {
  const full = whatIf.casesInWindow >= WHAT_IF_CASES;
  return {
    name: 'what-if-seconds',
    value: whatIf.seconds,
    unit: UNITS['what-if-seconds'],
    baseline: null,
    ratio: null,
    target: TARGETS['what-if-seconds'],
    met: full ? whatIf.seconds < 30 : null,
    size: whatIf.casesInWindow,
    note: notes(
      `one POST /v1/reports/what-if, end to end, over ${whatIf.window.from} to ${whatIf.window.to}: ${whatIf.casesInWindow.toLocaleString('en-GB')} cases in the window, ${whatIf.replayed.toLocaleString('en-GB')} replayed, of a store of ${store.cases.toLocaleString('en-GB')}`,
      `candidate ${whatIf.candidateVersion} (every resolution deadline doubled)`,
      whatIf.changedPromisesBroken && `promises broken: ${whatIf.changedPromisesBroken.actual} as recorded, ${whatIf.changedPromisesBroken.whatIf} under the candidate`,
      `no same-run baseline: the aim is absolute (${(whatIf.seconds / Math.max(1, whatIf.replayed) * 1000).toFixed(2)} ms per case replayed)`,
      !full && `${whatIf.casesInWindow} cases, not ${WHAT_IF_CASES.toLocaleString('en-GB')}: met is left open`,
    ),
  };
}

/** From a complaint's commit (its 201) to its row in report_cases, under intake at `rate`/s; baseline = the intake's own p99. */
export function reportLagFigure(lag: ReportLag, rate: number): Figure {
  return {
    name: 'report-lag-p99',
    value: lag.p99Ms,
    unit: UNITS['report-lag-p99'],
    baseline: lag.intake.p99Ms,
    ratio: lag.p99Ms / lag.intake.p99Ms,
    target: TARGETS['report-lag-p99'],
    met: lag.neverSeen === 0 && lag.intake.errors === 0 && lag.p99Ms < 2_000,
    size: lag.count,
    note: notes(
      `at ${rate}/s over ${lag.count} complaints: p50 ${ms(lag.p50Ms)}, max ${ms(lag.maxMs)}; from the 201 to the first poll (every ${lag.pollMs} ms) that finds the case's row in report_cases`,
      `from the event's recorded_at instead (taken before the commit: an upper bound): p50 ${ms(lag.fromRecordedAt.p50Ms)}, p99 ${ms(lag.fromRecordedAt.p99Ms)}`,
      `baseline = the intake's own ack p99 in the same run (p50 ${ms(lag.intake.p50Ms)})`,
      `longest the report checkpoint stood still with events waiting: ${ms(lag.longestStallMs)} (the projector polls every 250 ms when idle)`,
      lag.neverSeen > 0 && `${lag.neverSeen} cases never seen in report_cases`,
      failedShare({ ...lag.intake, distribution: [] }),
    ),
  };
}
