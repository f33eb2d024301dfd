/**
 * The chaos run's results, in a folder of its own (chaos-results/<timestamp>/, git-ignored):
 * report.json (everything: the plan, the faults as they happened, the load's figures, the
 * audit's lines, the overload figures, the timeline), report.md (the same for people, with
 * the audit table first) and timeline.svg (the chart).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditTable, n, type AuditLine } from './audit/audit-line';
import type { ChaosPlan } from './chaos-plan';
import type { FaultMark } from './fault-schedule';
import type { OverloadFigures, Spread } from './load-shedding';
import type { TimelinePoint } from './timeline';

export interface ChaosReport {
  mode: ChaosPlan['mode'];
  pass: boolean;
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  plan: ChaosPlan;
  /** seconds each phase took */
  phases: Record<string, number>;
  load: {
    casesSent: number;
    burstCases: number;
    answers: Record<string, number>;
    lifecycles: Record<string, number>;
    checkpointsSigned: number;
  };
  faults: FaultMark[];
  audit: AuditLine[];
  overload: OverloadFigures | undefined;
  timeline: TimelinePoint[];
  /** every process's output */
  logs: string;
}

const DUPLICATES_DEFINED = [
  'Duplicate domain events for one action, as checked: two events with one event id; a stream with more than one',
  '`ComplaintReceived` or `ComplaintAcknowledged`; two events in one stream with the same type and identical data (every',
  "action's data carries its own ids, times or counts); one webhook delivery attempt (notification id, attempt) recorded",
  'twice; a lifecycle step recorded more than once in a case (`OwnerAssigned`, `CustomerContacted`,',
  '`CompensationProposed`, `ResolutionIssued`, `SatisfactionConfirmed`: the load takes each step once, re-sending a',
  'failed command with the same Idempotency-Key only after reading that the case does not show it).',
].join(' ');

const ms = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} ms`);
const s = (value: number | null) => (value === null ? '—' : `${value.toFixed(2)} s`);
const spreadCells = (spread: Spread, unit: (value: number | null) => string) => `${unit(spread.p50)} | ${unit(spread.p99)} | ${unit(spread.max)} | ${n(spread.count)}`;

function overloadSection(figures: OverloadFigures | undefined, plan: ChaosPlan): string[] {
  if (!figures) return ['No overload burst in this run.'];
  return [
    `The burst: ${plan.burstRatePerSecond} complaints/s across both APIs for ${(figures.window.end - figures.window.start).toFixed(1)} s ` +
      `(${n(figures.burstRequests)} intake requests), against RATE_LIMIT ${plan.rateLimitPerSecond}/1s per key in each API process ` +
      `(steady load: ${plan.ratePerSecond} complaints/s). ${n(figures.tooManyDuringOverload)} of its intake requests were answered 429; ` +
      `${n(figures.tooManyWithRetryAfter)} of the run's ${n(figures.tooManyTotal)} 429s carried Retry-After, and the load re-sent each after it with the same Idempotency-Key.`,
    '',
    '| | p50 | p99 | max | count |',
    '|---|---|---|---|---|',
    `| admitted intake latency, normal load | ${spreadCells(figures.admittedIntakeMs.normal, ms)} |`,
    `| admitted intake latency, during the burst | ${spreadCells(figures.admittedIntakeMs.overload, ms)} |`,
    `| workflow start lag, normal load | ${spreadCells(figures.startLagSeconds.normal, s)} |`,
    `| workflow start lag, cases acknowledged during the burst | ${spreadCells(figures.startLagSeconds.overload, s)} |`,
    `| workflow start lag, the ${(figures.after.end - figures.after.start).toFixed(0)} s after it (until the next fault) | ${spreadCells(figures.startLagSeconds.after, s)} |`,
    '',
    `The workflows of every case acknowledged during the burst had started ${s(figures.startsCaughtUpAfterSeconds)} after it ended. ` +
      'Latency runs from sending to the answer (a re-sent request is timed on its own). Start lag is from the store: the outbox row ' +
      'asking for the start is written with the acknowledgment and marked processed once the relay has started the workflow ' +
      "(a killed worker's claimed rows wait for their lease, a minute, before another worker takes them). " +
      '"Normal load": sent at least 5 s before and 15 s after every fault.',
  ];
}

export function reportMarkdown(report: ChaosReport): string {
  const failed = report.audit.filter((line) => !line.pass).length;
  const wall = Object.values(report.phases).reduce((a, b) => a + b, 0);
  return [
    `# Chaos run ${report.startedAt} (${report.mode})`,
    '',
    `**${report.pass ? 'PASS' : `FAIL: ${failed} of ${report.audit.length} checks failed`}** — ${(wall / 60).toFixed(1)} min ` +
      `(${Object.entries(report.phases).map(([phase, seconds]) => `${phase} ${seconds.toFixed(0)} s`).join(', ')}); ` +
      `${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGb} GB, Node ${report.machine.node}, ${report.machine.platform}.`,
    '',
    `${n(report.load.casesSent)} complaints (${n(report.load.burstCases)} of them in the overload burst) driven through their lifecycles ` +
      `over HTTP across two APIs at ${report.plan.ratePerSecond}/s (open loop, policies/test-fast.yaml), two workers, ` +
      `while ${report.faults.length} faults happened. Answers: ${Object.entries(report.load.answers).map(([k, v]) => `${k} ${n(v)}`).join(', ')}. ` +
      `Lifecycles: ${Object.entries(report.load.lifecycles).map(([k, v]) => `${k} ${n(v)}`).join(', ')}. ` +
      `${n(report.load.checkpointsSigned)} checkpoints signed during the load.`,
    '',
    '## Audit',
    '',
    auditTable(report.audit),
    '',
    DUPLICATES_DEFINED,
    '',
    '## Load shedding',
    '',
    ...overloadSection(report.overload, report.plan),
    '',
    '## Timeline',
    '',
    '![throughput, latency and workflow start lag over the run, faults marked](timeline.svg)',
    '',
    '| at (s) | fault | took (s) | |',
    '|---|---|---|---|',
    ...report.faults.map((f) => `| ${f.start.toFixed(1)} | ${f.label} | ${(f.end - f.start).toFixed(1)} | ${f.error ? `**failed**: ${f.error}` : ''} |`),
    '',
    `Process logs: ${report.logs}`,
    '',
  ].join('\n');
}

export function writeChaosReport(dir: string, report: ChaosReport, svg: string | undefined): { json: string; markdown: string } {
  const json = path.join(dir, 'report.json');
  const markdown = path.join(dir, 'report.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, reportMarkdown(report));
  if (svg) writeFileSync(path.join(dir, 'timeline.svg'), svg);
  return { json, markdown };
}
