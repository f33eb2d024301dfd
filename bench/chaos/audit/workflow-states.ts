/**
 * Every case's workflow is where its events say it should be: a closed case's workflow has
 * completed (its webhooks all delivered, nothing is left for it to do), an open case's is
 * running; none failed, was terminated or timed out, and none is missing. Read from the
 * Temporal server's visibility (every run of `complaintWorkflow`, the latest run of each
 * workflow id counting), a case that disagrees is looked at again with describe().
 */
import type { Client, WorkflowExecutionStatusName } from '@temporalio/client';
import { complaintWorkflowId } from '../../../workflows/complaint/messages';
import type { StoredCase } from './accepted-cases';
import { examples, n, type AuditLine } from './audit-line';

export async function workflowStatuses(client: Client, cases: readonly StoredCase[]): Promise<Map<string, WorkflowExecutionStatusName>> {
  const latest = new Map<string, { status: WorkflowExecutionStatusName; startTime: number }>();
  for await (const run of client.workflow.list({ query: `WorkflowType = 'complaintWorkflow'` })) {
    const seen = latest.get(run.workflowId);
    if (!seen || run.startTime.getTime() >= seen.startTime) latest.set(run.workflowId, { status: run.status.name, startTime: run.startTime.getTime() });
  }
  const statuses = new Map([...latest].map(([id, run]) => [id, run.status]));
  for (const c of cases) {
    const id = complaintWorkflowId(c.id);
    if (statuses.get(id) === expectedStatus(c)) continue;
    // visibility may lag behind the server's own record
    const described = await client.workflow.getHandle(id).describe().catch(() => undefined);
    if (described) statuses.set(id, described.status.name);
  }
  return statuses;
}

function expectedStatus(c: StoredCase): WorkflowExecutionStatusName {
  return c.status === 'closed' ? 'COMPLETED' : 'RUNNING';
}

export function workflowStateLines(cases: readonly StoredCase[], statuses: ReadonlyMap<string, WorkflowExecutionStatusName>): AuditLine[] {
  const wrong = cases.filter((c) => statuses.get(complaintWorkflowId(c.id)) !== expectedStatus(c));
  const byStatus = new Map<string, number>();
  for (const c of cases) {
    const status = statuses.get(complaintWorkflowId(c.id)) ?? 'MISSING';
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }
  return [
    {
      check: "every case's workflow running or finished as its events say",
      count: `${n(cases.length - wrong.length)}/${n(cases.length)} as expected (${[...byStatus].map(([status, count]) => `${status.toLowerCase()} ${n(count)}`).join(', ')})`,
      pass: wrong.length === 0,
      detail: examples(wrong.map((c) => `case ${c.id} is ${c.status}, its workflow ${statuses.get(complaintWorkflowId(c.id)) ?? 'missing'}`)),
    },
  ];
}
