/**
 * A long case on the real stack: its workflow continues as new (here after every 3 events,
 * as Temporal would suggest for a history grown large) and the case carries on across runs
 * with its state, its deadlines and its actions; nothing recorded is lost or recorded twice.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { repoRoot } from '../../libs/config/src';
import { CaseWorkflowStarter } from '../../libs/case-workflows/src';
import { complaintWorkflowId } from '../../workflows/complaint/messages';
import { call, complaintBody, eventually, fileComplaint } from '../support/http';
import { startTestSystem, type TestSystem } from '../support/test-system';

let system: TestSystem;

beforeAll(async () => {
  // no outbox relay: the test starts the case's workflow itself, with a short run length
  system = await startTestSystem({
    policyFile: path.join(repoRoot(), 'policies/test-fast.yaml'),
    taskQueue: `long-cases-${randomUUID()}`,
    relay: false,
  });
});

afterAll(async () => {
  await system?.close();
});

it('continues as new on a long case and keeps acting on it across runs, every event recorded once', async () => {
  const filed = await fileComplaint(system.baseUrl, complaintBody({ severity: 'high', summary: 'Podwójne obciążenie karty', description: 'Zapłaciłam dwa razy za fakturę 2026/114 😡' }));
  expect(filed.status).toBe(201);
  const id = filed.body.id as string;
  const starter = new CaseWorkflowStarter(system.temporal, system.db.manager, system.config.temporal.taskQueue);
  const input = (await starter.inputs([id])).get(id)!;
  const first = await system.temporal.workflow.start('complaintWorkflow', starter.startOptions({ ...input, maxEventsPerRun: 3 }));

  const taken = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/assignment`, { key: 'agent', body: { to: 'alice' } });
  expect(taken.status).toBe(200);
  const notes = ['pierwsza notatka', 'הערה שנייה', 'third note 📞', 'czwarta', 'חמישית'];
  for (const text of notes) {
    const added = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/notes`, { key: 'agent', body: { text } });
    expect(added.status).toBe(201);
  }
  const contact = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/contacts`, {
    key: 'agent',
    body: { kind: 'call', summary: 'Zadzwoniłam do klientki, zwrot w drodze' },
  });
  expect(contact.status).toBe(201);

  const view = (await call(system.baseUrl, 'GET', `/v1/complaints/${id}`, { key: 'manager' })).body;
  expect(view.notes.map((n: { text: string }) => n.text)).toEqual(notes);
  const events = (await call(system.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' })).body as { id: string; position: number }[];
  expect(events.map((e) => e.position)).toEqual(events.map((_, index) => index + 1));
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  expect(view.version).toBe(events.length);

  // the first run ended by continuing as new; a later run holds the case now
  const firstRun = system.temporal.workflow.getHandle(complaintWorkflowId(id), first.firstExecutionRunId);
  const firstHistory = await firstRun.fetchHistory();
  expect(firstHistory.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  const latest = await system.temporal.workflow.getHandle(complaintWorkflowId(id)).describe();
  expect(latest.runId).not.toBe(first.firstExecutionRunId);
  expect(latest.status.name).toBe('RUNNING');

  // a deadline still fires in a later run: with nobody acting, the update interval (20 s) runs out
  await eventually(
    async () => {
      const all = (await call(system.baseUrl, 'GET', `/v1/complaints/${id}/events`, { key: 'auditor' })).body as { type: string }[];
      return all.find((e) => e.type === 'Escalated' || e.type === 'PromiseWarning');
    },
    60_000,
    'a deadline acted on after continue-as-new',
  );
});
