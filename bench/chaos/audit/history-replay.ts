/**
 * No non-determinism in any history: the runs of the case workflows the chaos produced
 * (finished ones too, killed workers and restarted servers included) replayed against the
 * current workflow bundle with the replay check's own code (scripts/replay-check.ts; `npm
 * run replay-check` replays the open cases only). Every run in the quick plan; in the full
 * plan an evenly spread sample, as replaying 10,000 histories would take longer than the run.
 */
import type { Client, HistoryAndWorkflowId } from '@temporalio/client';
import { replayHistories, type ReplaySummary } from '../../../scripts/replay-check';
import { examples, n, type AuditLine } from './audit-line';

const CASE_WORKFLOWS = `WorkflowType = 'complaintWorkflow'`;

export interface HistoryReplay extends ReplaySummary {
  /** every run of a case workflow the server holds */
  runs: number;
  /** the runs chosen for replay (all of them, or the sample) */
  chosen: number;
  sampled: boolean;
}

/** Replay every run, or every k-th one so that at most `sample` are replayed. */
export async function replayCaseHistories(client: Client, bundle: string, sample: number | undefined): Promise<HistoryReplay> {
  const runs: { workflowId: string; runId: string }[] = [];
  for await (const run of client.workflow.list({ query: CASE_WORKFLOWS })) runs.push({ workflowId: run.workflowId, runId: run.runId });
  const step = sample === undefined ? 1 : Math.max(1, Math.ceil(runs.length / sample));
  const chosen = runs.filter((_, index) => index % step === 0);
  async function* histories(): AsyncIterable<HistoryAndWorkflowId> {
    for (const run of chosen) yield { workflowId: run.workflowId, history: await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory() };
  }
  return { ...(await replayHistories(bundle, histories())), runs: runs.length, chosen: chosen.length, sampled: step > 1 };
}

export function historyReplayLines(summary: HistoryReplay, caseCount: number): AuditLine[] {
  const nondeterministic = summary.failures.filter((f) => f.nondeterministic);
  return [
    {
      check: `no non-determinism in any history (replay-check, ${summary.sampled ? 'an evenly spread sample of the runs' : 'every run'})`,
      count: `${n(summary.replayed)} of ${n(summary.runs)} runs of ${n(caseCount)} cases replayed, ${n(nondeterministic.length)} non-deterministic, ${n(summary.failures.length - nondeterministic.length)} other failures`,
      pass: summary.failures.length === 0 && summary.runs >= caseCount && summary.replayed === summary.chosen,
      detail: examples(summary.failures.map((f) => `${f.workflowId}: ${f.error}`)),
    },
  ];
}
