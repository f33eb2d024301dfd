/**
 * An operator finds a case's workflow in Temporal by what they know of the case: its search
 * attributes (reference, status, owner, category, severity, breached) are set when the
 * workflow starts and kept current as the case moves, and Temporal's own visibility query
 * (what its UI and `temporal workflow list --query` use) finds it by them. On the real stack:
 * the worker registered the attributes on the dev server at start-up. Visibility is
 * eventually consistent, so each look waits until Temporal shows the step.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { CASE_SEARCH_ATTRIBUTE_KEYS } from '../../workflows/complaint/case-search-attributes';
import { call, complaintBody, eventually, fileComplaint, type KeyName } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ taskQueue: `search-attributes-${randomUUID()}` });
});

afterAll(async () => {
  await system?.close();
});

function act(id: string, route: string, key: KeyName, body: unknown) {
  return call(system.baseUrl, 'POST', `/v1/complaints/${id}${route}`, { key, body });
}

/** A listed workflow's case attributes, by name. */
function attributesOf(execution: WorkflowExecutionInfo): Record<string, unknown> {
  return Object.fromEntries(Object.values(CASE_SEARCH_ATTRIBUTE_KEYS).map((key) => [key.name, execution.typedSearchAttributes.get(key)]));
}

/** The workflows Temporal's visibility lists for a query, as an operator would type it. */
async function listed(query: string): Promise<{ workflowId: string; attributes: Record<string, unknown> }[]> {
  const found = [];
  for await (const execution of system.temporal.workflow.list({ query })) {
    found.push({ workflowId: execution.workflowId, attributes: attributesOf(execution) });
  }
  return found;
}

/** Wait until the query lists exactly the case's workflow with these attributes. */
function findsCase(query: string, workflowId: string, attributes: Record<string, unknown>) {
  return eventually(
    async () => {
      const found = await listed(query);
      return found.length === 1 && found[0].workflowId === workflowId && JSON.stringify(found[0].attributes) === JSON.stringify(attributes)
        ? found[0]
        : undefined;
    },
    30_000,
    `Temporal to list ${workflowId} for ${query} with ${JSON.stringify(attributes)}`,
  );
}

it('finds a case by reference, owner, status, category and broken promise as it moves', async () => {
  // a category of this test's own, so queries by owner or status see no other file's cases
  const category = `sa-${randomUUID()}`;
  const filed = await fileComplaint(system.baseUrl, complaintBody({ category, severity: 'high' }));
  expect(filed.status).toBe(201);
  const { id, reference } = filed.body as { id: string; reference: string };
  const workflowId = `complaint-${id}`;
  const byReference = `ComplaintReference = '${reference}'`;

  // started by the outbox relay: the case as intake left it
  const acknowledged = {
    ComplaintReference: reference,
    ComplaintStatus: 'acknowledged',
    ComplaintOwner: `queue:${category}`,
    ComplaintCategory: category,
    ComplaintSeverity: 'high',
    ComplaintBreached: false,
  };
  await findsCase(byReference, workflowId, acknowledged);
  await findsCase(`ComplaintOwner = 'queue:${category}' AND ComplaintSeverity = 'high'`, workflowId, acknowledged);

  // taken by an agent: owner and status follow
  expect((await act(id, '/assignment', 'agent', { to: 'alice' })).status).toBe(200);
  const taken = { ...acknowledged, ComplaintStatus: 'investigating', ComplaintOwner: 'alice' };
  await findsCase(byReference, workflowId, taken);
  await findsCase(`ComplaintOwner = 'alice' AND ComplaintStatus = 'investigating' AND ComplaintCategory = '${category}'`, workflowId, taken);
  expect(await listed(`ComplaintOwner = 'queue:${category}'`)).toEqual([]);

  // withdrawn with its resolution promise open: closed, and that promise recorded broken
  expect((await act(id, '/withdrawal', 'intake', { reason: 'sorted it out with my bank' })).status).toBe(200);
  const withdrawn = { ...taken, ComplaintStatus: 'closed', ComplaintBreached: true };
  await findsCase(byReference, workflowId, withdrawn);
  await findsCase(`ComplaintBreached = true AND ComplaintStatus = 'closed' AND ComplaintCategory = '${category}'`, workflowId, withdrawn);
});
