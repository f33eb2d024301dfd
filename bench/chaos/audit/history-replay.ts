/**
 * No non-determinism in any history: every run of every case workflow the chaos produced
 * (open or finished, killed workers and restarted servers included) replayed against the
 * current workflow bundle with the replay check's own code (scripts/replay-check.ts,
 * `npm run replay-check`, there for the open cases only).
 */
import type { Client } from '@temporalio/client';
import { replayWorkflowHistories, type ReplaySummary } from '../../../scripts/replay-check';
import { examples, n, type AuditLine } from './audit-line';

export function replayEveryHistory(client: Client, bundle: string): Promise<ReplaySummary> {
  return replayWorkflowHistories(client, bundle, `WorkflowType = 'complaintWorkflow'`);
}

export function historyReplayLines(summary: ReplaySummary, caseCount: number): AuditLine[] {
  const nondeterministic = summary.failures.filter((f) => f.nondeterministic);
  return [
    {
      check: 'no non-determinism in any history (replay-check, every run)',
      count: `${n(summary.replayed)} histories of ${n(caseCount)} cases replayed, ${n(nondeterministic.length)} non-deterministic, ${n(summary.failures.length - nondeterministic.length)} other failures`,
      pass: summary.failures.length === 0 && summary.replayed >= caseCount,
      detail: examples(summary.failures.map((f) => `${f.workflowId}: ${f.error}`)),
    },
  ];
}
