/**
 * The audit after the faults, once the load has drained: from the outside where it can be
 * (the auditor's HTTP routes, /metrics, the Temporal server, the webhook receiver's log,
 * SQL on the store) and with the engine's own code where that is the honest way (checkpoint
 * checks, the projection rebuild, the replay check). Each check's lines say what was
 * checked, its figures, and pass or fail.
 */
import { Client, Connection } from '@temporalio/client';
import type { KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { parsePrometheusText } from '../../test/support/prometheus-text';
import { acceptedCasesLines, storedCases } from './audit/accepted-cases';
import type { AuditLine } from './audit/audit-line';
import { chainLines, checkpointLines, storedHeadHashes, storeTotals, type CheckpointView, type StoreVerificationView } from './audit/chain-verification';
import { duplicateEventLines, eventCounts } from './audit/duplicate-events';
import { historyReplayLines, replayCaseHistories } from './audit/history-replay';
import { metricsLines, storeFigures } from './audit/metrics-agreement';
import { compareOverHttp, projectionLines, rebuildCheck } from './audit/projection-replay';
import { storedWebhooks, webhookLines } from './audit/webhook-deliveries';
import { workflowStateLines, workflowStatuses } from './audit/workflow-states';
import type { CaseRecord } from './case-lifecycle';
import type { ChaosHttp } from './chaos-http';
import { AUDITOR, INTAKE } from './chaos-keys';
import type { ReceivedWebhook } from './webhook-receiver';

export interface AuditInputs {
  db: DataSource;
  /** the audit's own client (auditor key), apart from the load's */
  http: ChaosHttp;
  apiMetricsUrls: string[];
  workerMetricsUrls: string[];
  temporalAddress: string;
  workflowBundle: string;
  /** replay at most this many histories (undefined: every one) */
  replaySample: number | undefined;
  records: readonly CaseRecord[];
  received: readonly ReceivedWebhook[];
  /** the 429s the load and the audit have got so far */
  tooManyRequests: () => number;
  trustedKey: KeyObject;
  runStartedAt: Date;
}

async function scrape(url: string): Promise<ReturnType<typeof parsePrometheusText>> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return parsePrometheusText(await response.text());
}

export async function runAudit(inputs: AuditInputs, say: (line: string) => void): Promise<AuditLine[]> {
  const { db, http } = inputs;
  const lines: AuditLine[] = [];
  const step = async (what: string, check: () => Promise<AuditLine[]>) => {
    const started = performance.now();
    try {
      lines.push(...(await check()));
    } catch (error) {
      lines.push({ check: what, count: 'could not be checked', pass: false, detail: error instanceof Error ? error.message : String(error) });
    }
    say(`audit: ${what} (${((performance.now() - started) / 1_000).toFixed(1)} s)`);
  };

  const cases = await storedCases(db, INTAKE.principal);
  await step('accepted complaints vs the store', async () => acceptedCasesLines(inputs.records, cases));
  await step('duplicate and lost events', async () => duplicateEventLines(await eventCounts(db), inputs.records));
  let verification: StoreVerificationView | undefined;
  await step('hash chains', async () => {
    verification = (await http.getOk('/v1/audit/verification', AUDITOR)) as StoreVerificationView;
    return chainLines(verification, await storeTotals(db));
  });
  await step('latest checkpoint', async () => {
    if (!verification) throw new Error('the verification did not answer');
    const checkpoint = (await http.getOk('/v1/audit/checkpoints/latest', AUDITOR)) as CheckpointView;
    return checkpointLines(checkpoint, await storedHeadHashes(db, checkpoint.streams), verification, inputs.trustedKey, inputs.runStartedAt);
  });
  await step('projection vs replay', async () => projectionLines(await compareOverHttp(http), cases.length, await rebuildCheck(db)));
  await step('webhooks', async () => webhookLines(await storedWebhooks(db), inputs.received));
  await step('/metrics vs the store', async () => {
    const [apis, workers, store] = await Promise.all([
      Promise.all(inputs.apiMetricsUrls.map(scrape)),
      Promise.all(inputs.workerMetricsUrls.map(scrape)),
      storeFigures(db),
    ]);
    const webhooks2xx = inputs.received.filter((r) => r.answered !== null && r.answered >= 200 && r.answered < 300).length;
    return metricsLines(apis, workers, store, { webhooks2xx, tooManyRequests: inputs.tooManyRequests() });
  });
  const connection = await Connection.connect({ address: inputs.temporalAddress });
  try {
    const client = new Client({ connection, namespace: 'default' });
    await step('workflow states', async () => workflowStateLines(cases, await workflowStatuses(client, cases)));
    await step('replay of the histories', async () => historyReplayLines(await replayCaseHistories(client, inputs.workflowBundle, inputs.replaySample), cases.length));
  } finally {
    await connection.close();
  }
  return lines;
}
