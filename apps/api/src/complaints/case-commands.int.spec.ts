/**
 * Case commands through HTTP on the real stack: an update of the case workflow, validated
 * before it reaches history, recorded by the workflow through the append activity.
 */
import { randomUUID } from 'node:crypto';
import { START_WORKFLOW } from '../../../../libs/event-store/src';
import { call, fileComplaint } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';
import { caseStateQuery } from '../../../../workflows/complaint/messages';
import { CaseWorkflowStarter } from '../../../../libs/case-workflows/src';

describe('with the outbox relay running', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem();
  });
  afterAll(async () => {
    await system?.close();
  });

  it('records a note as NoteAdded, written by the workflow with the next stream position', async () => {
    const { body } = await fileComplaint(system.baseUrl);
    const reply = await call(system.baseUrl, 'POST', `/v1/complaints/${body.id}/notes`, {
      key: 'agent',
      body: { text: 'Klientka prosi o kontakt po 16:00 — לחזור אליה מחר' },
    });

    expect(reply.status).toBe(201);
    expect(reply.body.note).toMatchObject({ author: 'alice', text: 'Klientka prosi o kontakt po 16:00 — לחזור אליה מחר' });
    expect(reply.body.case.version).toBe(3);
    const events = await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}/events`, { key: 'manager' });
    expect(events.body.map((e: { type: string }) => e.type)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'NoteAdded',
    ]);
    expect(events.body[2]).toMatchObject({ position: 3, actor: { principal: 'alice', role: 'agent' } });
    expect(events.body[2].previousHash).toBe(events.body[1].hash);
    const read = await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}`, { key: 'agent' });
    expect(read.body.notes).toHaveLength(1);
  });

  it('keeps concurrent notes in order without losing or duplicating one', async () => {
    const { body } = await fileComplaint(system.baseUrl);
    const texts = Array.from({ length: 8 }, (_, i) => `note ${i}`);
    const replies = await Promise.all(
      texts.map((text) => call(system.baseUrl, 'POST', `/v1/complaints/${body.id}/notes`, { key: 'agent', body: { text } })),
    );
    expect(replies.map((r) => r.status)).toEqual(texts.map(() => 201));
    const events = await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}/events`, { key: 'auditor' });
    const notes = events.body.filter((e: { type: string }) => e.type === 'NoteAdded');
    expect(notes.map((e: { data: { text: string } }) => e.data.text).sort()).toEqual(texts);
    expect(events.body.map((e: { position: number }) => e.position)).toEqual(
      Array.from({ length: 10 }, (_, i) => i + 1),
    );
  });

  it('carries out a command re-sent with the same Idempotency-Key once, whether the first is still on its way or done', async () => {
    const { body } = await fileComplaint(system.baseUrl);
    const contact = (key: string, summary = 'Called the customer back') =>
      call(system.baseUrl, 'POST', `/v1/complaints/${body.id}/contacts`, { key: 'agent', body: { kind: 'call', summary }, headers: { 'idempotency-key': key } });
    const key = randomUUID();
    const [first, together] = await Promise.all([contact(key), contact(key)]);
    const later = await contact(key);
    expect([first.status, together.status, later.status]).toEqual([201, 201, 201]);
    expect(new Set([first, together, later].map((reply) => reply.body.events[0].id)).size).toBe(1);
    // another key, or another body under the same key, is another contact
    expect((await contact(randomUUID())).status).toBe(201);
    expect((await contact(key, 'Called again')).status).toBe(201);
    const events = await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}/events`, { key: 'auditor' });
    expect(events.body.filter((e: { type: string }) => e.type === 'CustomerContacted')).toHaveLength(3);
    const malformed = await contact('no spaces allowed');
    expect(malformed.status).toBe(400);
  });

  it('refuses an invalid note synchronously and leaves no trace in the events or the workflow history', async () => {
    const { body } = await fileComplaint(system.baseUrl);
    await call(system.baseUrl, 'POST', `/v1/complaints/${body.id}/notes`, { key: 'agent', body: { text: 'first' } });

    const blank = await call(system.baseUrl, 'POST', `/v1/complaints/${body.id}/notes`, { key: 'agent', body: { text: ' ' } });
    const wrongRole = await call(system.baseUrl, 'POST', `/v1/complaints/${body.id}/notes`, {
      key: 'intake',
      body: { text: 'hello' },
    });
    const unknownCase = await call(system.baseUrl, 'POST', `/v1/complaints/${randomUUID()}/notes`, {
      key: 'agent',
      body: { text: 'hello' },
    });

    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].path).toBe('text');
    expect(wrongRole.status).toBe(403);
    expect(unknownCase.status).toBe(404);
    const events = await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}/events`, { key: 'auditor' });
    expect(events.body).toHaveLength(3);
    const history = await system.temporal.workflow.getHandle(`complaint-${body.id}`).fetchHistory();
    const updates = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updates).toHaveLength(1);
  });
});

describe('before the outbox relay has started the workflow', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ relay: false, taskQueue: `no-relay-${randomUUID()}` });
  });
  afterAll(async () => {
    await system?.close();
  });

  it('starts the workflow with the case’s events itself (update-with-start), exactly once', async () => {
    const { body } = await fileComplaint(system.baseUrl);
    const handle = system.temporal.workflow.getHandle(`complaint-${body.id}`);
    await expect(handle.describe()).rejects.toThrow();

    const replies = await Promise.all(
      ['a', 'b', 'c'].map((text) =>
        call(system.baseUrl, 'POST', `/v1/complaints/${body.id}/notes`, { key: 'agent', body: { text } }),
      ),
    );

    expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    const history = await handle.fetchHistory();
    const starts = (history.events ?? []).filter((e) => e.workflowExecutionStartedEventAttributes);
    expect(starts).toHaveLength(1);
    const events = await call(system.baseUrl, 'GET', `/v1/complaints/${body.id}/events`, { key: 'auditor' });
    expect(events.body.map((e: { type: string }) => e.type)).toEqual([
      'ComplaintReceived',
      'ComplaintAcknowledged',
      'NoteAdded',
      'NoteAdded',
      'NoteAdded',
    ]);
    // the relay's start row is still pending; when the relay gets to it, its start finds
    // the running workflow and changes nothing
    const [{ pending }] = await system.db.query(
      `SELECT count(*)::int AS pending FROM outbox WHERE stream_id = $1 AND kind = $2 AND processed_at IS NULL`,
      [`complaint-${body.id}`, START_WORKFLOW],
    );
    expect(pending).toBe(1);
    const starter = new CaseWorkflowStarter(system.temporal, system.db.manager, system.config.temporal.taskQueue);
    expect(await starter.start([{ complaintId: body.id }])).toEqual([{ status: 'fulfilled', value: undefined }]);
    const state = await handle.query(caseStateQuery);
    expect(state.version).toBe(5);
    expect(state.notes.map((n) => n.text).sort()).toEqual(['a', 'b', 'c']);
    const after = await handle.fetchHistory();
    expect((after.events ?? []).filter((e) => e.workflowExecutionStartedEventAttributes)).toHaveLength(1);
    expect((await handle.describe()).runId).toBe(description.runId);
  });
});
