/**
 * The audit routes on the real stack (API, worker, PostgreSQL, Temporal): per-case and
 * store-wide verification, signed checkpoints, replay (equal to the projection for every
 * case in the database), the offline-verifiable dossier, the workflow history, the access
 * log of auditors' reads, and auditors refused every write route.
 */
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCaseState } from '../../../../libs/event-store/src';
import { runVerifyDossier } from '../../../../scripts/verify-dossier';
import { toCaseView } from '../complaints/case-view';
import { checkCheckpoint, checkpointSigner, DOSSIER_FORMAT, verifyDossier, headsRoot } from '../../../../libs/audit-trail/src';
import { call, eventually, fileComplaint, type Reply } from '../../../../test/support/http';
import { silentlyAccepted } from '../../../../test/support/json-tampering';
import { startTestSystem, TEST_AUDIT_SIGNING_KEY, type TestSystem } from '../../../../test/support/test-system';

const trusted = checkpointSigner(TEST_AUDIT_SIGNING_KEY).publicKey;
let system: TestSystem;
const cases: string[] = [];

beforeAll(async () => {
  system = await startTestSystem();
  for (let i = 0; i < 4; i++) {
    const { body } = await fileComplaint(system.baseUrl);
    cases.push(body.id);
    for (let n = 0; n < i; n++) {
      const note = await call(system.baseUrl, 'POST', `/v1/complaints/${body.id}/notes`, {
        key: 'agent',
        body: { text: `note ${n} — Zapłaciłam dwa razy, המשלוח לא הגיע` },
      });
      expect(note.status).toBe(201);
    }
  }
});

afterAll(async () => {
  await system?.close();
});

/** The case as the projection row holds it, in the API's view (as JSON travels). */
async function projected(id: string): Promise<unknown> {
  const state = await readCaseState(system.db.manager, id);
  return state && JSON.parse(JSON.stringify(toCaseView(state)));
}

const get = (route: string, key: 'auditor' | 'agent' | 'manager' | 'admin' = 'auditor') => call(system.baseUrl, 'GET', route, { key });

describe('verification', () => {
  it('verifies one case: every event checked, no problems', async () => {
    const id = cases[3];
    const reply = await get(`/v1/complaints/${id}/verification`);
    const current = await get(`/v1/complaints/${id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ valid: true, problems: [], eventsChecked: current.body.version });
    expect(current.body.version).toBeGreaterThanOrEqual(5);
  });

  it('verifies the whole store, including against the latest checkpoint', async () => {
    await call(system.baseUrl, 'POST', '/v1/audit/checkpoints', { key: 'auditor' });
    const reply = await get('/v1/audit/verification');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ valid: true, problems: [] });
    expect(reply.body.eventsChecked).toBeGreaterThanOrEqual(14);
    expect(reply.body.checkpoint).not.toBeNull();
  });

  it('is for auditors only, and answers 404 for an unknown case', async () => {
    expect((await get(`/v1/complaints/${cases[0]}/verification`, 'manager')).status).toBe(403);
    expect((await get('/v1/audit/verification', 'admin')).status).toBe(403);
    expect((await get(`/v1/complaints/${randomUUID()}/verification`)).status).toBe(404);
  });
});

describe('checkpoints', () => {
  it('signs every stream head on demand (auditor or admin) with the configured key', async () => {
    for (const key of ['auditor', 'admin'] as const) {
      const reply = await call(system.baseUrl, 'POST', '/v1/audit/checkpoints', { key });
      expect(reply.status).toBe(201);
      const { id, createdAt, streams, root, signature, publicKey, streamCount } = reply.body;
      expect({ id, createdAt, root, signature, publicKey }).toEqual({
        id: expect.any(String),
        createdAt: expect.any(String),
        root: expect.stringMatching(/^[0-9a-f]{64}$/),
        signature: expect.any(String),
        publicKey: expect.stringContaining('BEGIN PUBLIC KEY'),
      });
      expect(headsRoot(streams)).toBe(root);
      expect(checkCheckpoint({ id, createdAt, root, streamCount, signature, publicKey }, streams, trusted)).toEqual([]);
      const current = await get(`/v1/complaints/${cases[2]}`);
      expect(streams).toContainEqual({ streamId: `complaint-${cases[2]}`, version: current.body.version, headHash: expect.any(String) });
    }
    expect((await call(system.baseUrl, 'POST', '/v1/audit/checkpoints', { key: 'manager' })).status).toBe(403);
  });

  it('serves the latest checkpoint to auditors', async () => {
    const made = await call(system.baseUrl, 'POST', '/v1/audit/checkpoints', { key: 'auditor' });
    const latest = await get('/v1/audit/checkpoints/latest');
    expect(latest.status).toBe(200);
    expect(Date.parse(latest.body.createdAt)).toBeGreaterThanOrEqual(Date.parse(made.body.createdAt));
    const { id, createdAt, root, streamCount, signature, publicKey, streams } = latest.body;
    expect(checkCheckpoint({ id, createdAt, root, streamCount, signature, publicKey }, streams, trusted)).toEqual([]);
    expect((await get('/v1/audit/checkpoints/latest', 'admin')).status).toBe(403);
  });
});

describe('replay', () => {
  /** Replay and projection of one case, fetched until both are at the same version (the case may move meanwhile). */
  async function replayAndProjection(id: string): Promise<[Reply, any]> {
    for (let attempt = 0; ; attempt++) {
      const replay = await get(`/v1/complaints/${id}/replay`);
      const projection = (await projected(id)) as { version: number };
      if (replay.body.version === projection.version || attempt === 5) return [replay, projection];
    }
  }

  it('without asOf equals the projection, for every case in the database', async () => {
    const rows: { id: string }[] = await system.db.query('SELECT id FROM complaint_cases ORDER BY received_at');
    expect(rows.length).toBeGreaterThanOrEqual(cases.length);
    for (const { id } of rows) {
      const [replay, projection] = await replayAndProjection(id);
      expect({ id, status: replay.status }).toEqual({ id, status: 200 });
      expect(replay.body).toEqual(projection);
    }
  });

  it('as of an instant folds only the events recorded by then', async () => {
    const id = cases[3];
    const events = await get(`/v1/complaints/${id}/events`);
    const asOf = events.body[2].recordedAt;
    const reply = await get(`/v1/complaints/${id}/replay?asOf=${encodeURIComponent(asOf)}`);
    expect(reply.status).toBe(200);
    const recordedBy = events.body.filter((e: { recordedAt: string }) => Date.parse(e.recordedAt) <= Date.parse(asOf)).length;
    expect(reply.body.version).toBe(recordedBy);
    expect(reply.headers.get('x-replayed-events')).toBe(String(recordedBy));
    expect(reply.body.notes.length).toBeLessThan((await get(`/v1/complaints/${id}`)).body.notes.length);
  });

  it('refuses a malformed asOf (400) and a time before the case (404)', async () => {
    const id = cases[0];
    const bad = await get(`/v1/complaints/${id}/replay?asOf=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.asOf');
    expect((await get(`/v1/complaints/${id}/replay?asOf=2000-01-01T00:00:00Z`)).status).toBe(404);
  });
});

describe('dossier', () => {
  /** A dossier of a case, exported right after a checkpoint (so its head is anchored). */
  async function exportedDossier(id: string): Promise<Reply> {
    await call(system.baseUrl, 'POST', '/v1/audit/checkpoints', { key: 'auditor' });
    const reply = await get(`/v1/complaints/${id}/dossier`);
    expect(reply.status).toBe(200);
    return reply;
  }

  it('exports a case that verifies offline against the engine’s public key, anchored by the checkpoint', async () => {
    const id = cases[2];
    const reply = await exportedDossier(id);
    const dossier = reply.body;
    expect(dossier).toMatchObject({ format: DOSSIER_FORMAT, complaintId: id, policyVersion: 'default-2026-12-2' });
    expect(dossier.policy.document.version).toBe('default-2026-12-2');
    const stored = await readCaseState(system.db.manager, id);
    expect(dossier.case).toEqual(JSON.parse(JSON.stringify(stored)));
    const result = verifyDossier(JSON.parse(reply.text), trusted);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ valid: true, eventsChecked: dossier.events.length, anchoredThrough: dossier.events.length });
    expect(result.unverified.map((p) => p.pointer)).toEqual(['/exportedAt', '/exportedBy', '/policy/fingerprint', '/policy/document']);
  });

  it('lets no edit of a real dossier pass silently: every leaf edited, and a member added to every object, fails or is listed as unverified', async () => {
    const reply = await exportedDossier(cases[3]);
    for (const key of [trusted, undefined]) {
      const { tried, silent } = await silentlyAccepted(JSON.parse(reply.text), (d) => verifyDossier(d, key));
      expect(silent).toEqual([]);
      expect(tried).toBeGreaterThan(reply.body.events.length * 10);
    }
  });

  it('passes the verify-dossier command, which fails on an altered copy or another public key', async () => {
    const reply = await get(`/v1/complaints/${cases[3]}/dossier`);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-'));
    const file = path.join(dir, 'dossier.json');
    const keyFile = path.join(dir, 'engine.pem');
    writeFileSync(file, reply.text);
    writeFileSync(keyFile, checkpointSigner(TEST_AUDIT_SIGNING_KEY).publicKeyPem);
    const run = (...args: string[]) => {
      const lines: string[] = [];
      return { code: runVerifyDossier(args, (l) => lines.push(l)), output: lines.join('\n') };
    };

    const good = run(file, '--public-key', keyFile);
    expect(good.code).toBe(0);
    expect(good.output).toMatch(/VALID: \d+ events verified, positions 1–\d+ anchored/);
    expect(good.output).toMatch(/checked: the case \(version \d+\): recomputed/);
    expect(good.output.match(/^ {2}unverified: \S+/gm)).toEqual([
      '  unverified: /exportedAt',
      '  unverified: /exportedBy',
      '  unverified: /policy/fingerprint',
      '  unverified: /policy/document',
    ]);

    const snapshot = JSON.parse(reply.text);
    snapshot.case.status = snapshot.case.status === 'closed' ? 'investigating' : 'closed';
    writeFileSync(file, JSON.stringify(snapshot));
    const tamperedCase = run(file, '--public-key', keyFile);
    expect(tamperedCase.code).toBe(1);
    expect(tamperedCase.output).toMatch(/INVALID: 1 problem[\s\S]*case-mismatch .*\/case\/status/);

    const altered = JSON.parse(reply.text);
    altered.events[2].data.text = 'a different note';
    writeFileSync(file, JSON.stringify(altered));
    const bad = run(file, '--public-key', keyFile);
    expect(bad.code).toBe(1);
    expect(bad.output).toMatch(/INVALID[\s\S]*content-mismatch .* @3/);

    writeFileSync(file, reply.text);
    const otherKey = checkpointSigner(Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 1)]).toString('base64'));
    const foreign = run(file, '--public-key', otherKey.publicKeyPem);
    expect(foreign.code).toBe(1);
    expect(foreign.output).toContain('bad-signature');
    expect(run().code).toBe(2);
  });
});

describe('workflow history', () => {
  it('exports the case’s Temporal history, which replays against the current workflow code', async () => {
    const id = cases[1];
    const reply = await eventually(async () => {
      const r = await get(`/v1/complaints/${id}/workflow-history`);
      return r.status === 200 ? r : undefined;
    });
    expect(reply.body.workflowId).toBe(`complaint-${id}`);
    const exported = reply.body.history.events as { eventType: string }[];
    expect(exported[0].eventType).toMatch(/WORKFLOW_EXECUTION_STARTED/);
    expect(exported.some((e) => /UPDATE_COMPLETED/.test(e.eventType))).toBe(true); // the note it took
    const history = await system.temporal.workflow.getHandle(`complaint-${id}`).fetchHistory();
    expect(exported.length).toBeLessThanOrEqual(history.events!.length);
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history, reply.body.workflowId);
    expect((await get(`/v1/complaints/${id}/workflow-history`, 'manager')).status).toBe(403);
  });
});

describe('auditors read, never write', () => {
  it('records every auditor read (who, what, when) in the access log', async () => {
    const id = cases[0];
    const before = new Date();
    await get(`/v1/complaints/${id}`);
    await get(`/v1/complaints/${id}/events`);
    await get(`/v1/complaints/${id}/verification`);
    await get(`/v1/complaints/${id}/replay?asOf=${encodeURIComponent(new Date().toISOString())}`);
    await get(`/v1/complaints/${id}`, 'manager'); // not an auditor: not logged
    const rows: { principal: string; role: string; method: string; route: string; path: string; at: Date }[] = await system.db.query(
      'SELECT principal, role, method, route, path, at FROM audit_access_log WHERE complaint_id = $1 AND at >= $2 ORDER BY id',
      [id, before],
    );
    expect(rows.map((r) => [r.principal, r.role, r.method, r.route])).toEqual([
      ['audit', 'auditor', 'GET', '/v1/complaints/:id'],
      ['audit', 'auditor', 'GET', '/v1/complaints/:id/events'],
      ['audit', 'auditor', 'GET', '/v1/complaints/:id/verification'],
      ['audit', 'auditor', 'GET', '/v1/complaints/:id/replay'],
    ]);
    expect(rows[3].path).toContain('asOf=');
  });

  it('serves nothing, not even an error of its own, to an auditor whose read cannot be recorded', async () => {
    const id = cases[1];
    await system.db.query(`ALTER TABLE audit_access_log ADD CONSTRAINT refuse_one_case CHECK (complaint_id IS DISTINCT FROM '${id}') NOT VALID`);
    try {
      // reads run while their record is written: the answer (200) and the handler's own error (404) both wait for it
      for (const route of [`/v1/complaints/${id}/replay`, `/v1/complaints/${id}/replay?asOf=2000-01-01T00:00:00Z`]) {
        const reply = await get(route);
        expect({ route, status: reply.status }).toEqual({ route, status: 422 }); // the database refused the record
        expect(reply.body).not.toHaveProperty('version');
      }
    } finally {
      await system.db.query('ALTER TABLE audit_access_log DROP CONSTRAINT refuse_one_case');
    }
    expect((await get(`/v1/complaints/${id}/replay`)).status).toBe(200);
  });

  it('keeps the access log beyond anyone’s reach through the application, and refuses changes in the database', async () => {
    await expect(system.db.query(`UPDATE audit_access_log SET principal = 'nobody'`)).rejects.toThrow(/append-only/);
    await expect(system.db.query('DELETE FROM audit_access_log')).rejects.toThrow(/append-only/);
  });

  it('refuses an auditor key every route that writes, except signing a checkpoint (and what-if: a read whose candidate policy is a body)', async () => {
    const documented = await call(system.baseUrl, 'GET', '/openapi.json', { key: null });
    const writes = Object.entries(documented.body.paths as Record<string, Record<string, unknown>>).flatMap(([route, ops]) =>
      Object.keys(ops)
        .filter((method) => method !== 'get')
        .map((method) => [method.toUpperCase(), route] as const),
    );
    expect(writes.length).toBeGreaterThanOrEqual(2);
    for (const [method, route] of writes) {
      if (method === 'POST' && (route === '/v1/audit/checkpoints' || route === '/v1/reports/what-if')) continue;
      const path = route.replace(/\{[^}]+\}/g, cases[0]);
      const reply = await call(system.baseUrl, method, path, { key: 'auditor', body: {}, headers: { 'idempotency-key': randomUUID() } });
      expect({ method, route, status: reply.status }).toEqual({ method, route, status: 403 });
    }
  });
});
