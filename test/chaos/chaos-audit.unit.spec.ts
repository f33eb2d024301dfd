/**
 * Every line of the chaos audit can fail: for each check, what a sound run gathers passes,
 * and the same with one fault planted — a lost case, a second case for one key, a
 * duplicate or lost action, a broken chain, a forged or cut-off checkpoint, a projection
 * that differs from its replay, a workflow in the wrong state, an undelivered webhook or one
 * re-sent under another id, a non-deterministic history, a /metrics figure off the store, a
 * 429 without Retry-After — fails.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { acceptedCasesLines, type StoredCase } from '../../bench/chaos/audit/accepted-cases';
import { chainLines, checkpointLines, type CheckpointView, type StoreVerificationView } from '../../bench/chaos/audit/chain-verification';
import { duplicateEventLines, type EventCounts } from '../../bench/chaos/audit/duplicate-events';
import { historyReplayLines } from '../../bench/chaos/audit/history-replay';
import { metricsLines, type StoreFigures } from '../../bench/chaos/audit/metrics-agreement';
import { projectionLines } from '../../bench/chaos/audit/projection-replay';
import { webhookLines, type StoredWebhooks } from '../../bench/chaos/audit/webhook-deliveries';
import { workflowStateLines } from '../../bench/chaos/audit/workflow-states';
import type { AuditLine } from '../../bench/chaos/audit/audit-line';
import type { CaseRecord } from '../../bench/chaos/case-lifecycle';
import { loadSheddingLines, overloadFigures } from '../../bench/chaos/load-shedding';
import type { RequestRecord } from '../../bench/chaos/request-log';
import type { ReceivedWebhook } from '../../bench/chaos/webhook-receiver';
import { BENCH_AUDIT_SIGNING_KEY } from '../../bench/support/bench-system';
import { checkpointSigner, headsRoot, signCheckpoint, type StreamHead } from '../../libs/audit-trail/src';
import type { Sample } from '../support/prometheus-text';

const passes = (lines: AuditLine[]) => lines.every((line) => line.pass);
const failing = (lines: AuditLine[]) => lines.filter((line) => !line.pass).map((line) => line.check);

function record(index: number, id: string, overrides: Partial<CaseRecord> = {}): CaseRecord {
  return { index, idempotencyKey: `key-${index}`, burst: false, ids: [id], intakeAttempts: 1, done: { take: 'answered', contact: 'answered' }, end: 'closed', ...overrides };
}

describe('accepted complaints vs the store', () => {
  const records = [record(0, 'a'), record(1, 'b')];
  const store: StoredCase[] = [
    { id: 'a', key: 'key-0', status: 'closed', closure: 'confirmed' },
    { id: 'b', key: 'key-1', status: 'closed', closure: 'confirmed' },
  ];

  it('passes when every accepted case is stored, once, and closed', () => {
    expect(passes(acceptedCasesLines(records, store))).toBe(true);
  });

  it('reports a lost case', () => {
    expect(failing(acceptedCasesLines(records, store.slice(0, 1)))).toContain('accepted complaints vs cases in the store');
  });

  it('reports a case the load never filed', () => {
    expect(failing(acceptedCasesLines(records, [...store, { id: 'c', key: 'other', status: 'closed', closure: 'confirmed' }]))).toContain(
      'accepted complaints vs cases in the store',
    );
  });

  it('reports a key answered with two cases', () => {
    const twice = [record(0, 'a', { ids: ['a', 'x'] }), records[1]];
    expect(failing(acceptedCasesLines(twice, [...store, { id: 'x', key: null, status: 'closed', closure: 'confirmed' }]))).toContain(
      'one case per Idempotency-Key, however often it was sent',
    );
  });

  it('reports a lifecycle given up and a case left open', () => {
    const lines = acceptedCasesLines([record(0, 'a', { end: 'gave-up' }), records[1]], [store[0], { ...store[1], status: 'investigating' }]);
    expect(failing(lines)).toEqual(['every complaint sent was accepted and its lifecycle ended, its case closed']);
  });
});

describe('duplicate and lost events', () => {
  const sound: EventCounts = {
    events: 10,
    distinctIds: 10,
    repeatedOncePerCase: [],
    identical: [],
    repeatedAttempts: [],
    stepEvents: [
      { complaintId: 'a', type: 'OwnerAssigned', count: 1 },
      { complaintId: 'a', type: 'CustomerContacted', count: 1 },
    ],
  };
  const records = [record(0, 'a')];

  it('passes with every action once', () => {
    expect(passes(duplicateEventLines(sound, records))).toBe(true);
  });

  it('reports a repeated event id', () => {
    expect(failing(duplicateEventLines({ ...sound, distinctIds: 9 }, records))).toEqual(['event ids unique']);
  });

  it.each([
    ['a second ComplaintReceived', { repeatedOncePerCase: [{ streamId: 's', type: 'ComplaintReceived', count: 2 }] }],
    ['two identical events', { identical: [{ streamId: 's', type: 'PromiseWarning', count: 2 }] }],
    ['one delivery attempt recorded twice', { repeatedAttempts: [{ streamId: 's', notificationId: 'n', attempt: '1', count: 2 }] }],
    ['a contact recorded twice', { stepEvents: [sound.stepEvents[0], { complaintId: 'a', type: 'CustomerContacted', count: 2 }] }],
  ])('reports %s', (_what, planted) => {
    expect(failing(duplicateEventLines({ ...sound, ...planted }, records))).toEqual(['duplicate domain events for one action (see the definition below)']);
  });

  it('reports a step the load saw recorded that the store lacks', () => {
    expect(failing(duplicateEventLines({ ...sound, stepEvents: [sound.stepEvents[0]] }, records))).toEqual(['every step the load saw recorded is in the store']);
  });
});

describe('hash chains and the latest checkpoint', () => {
  const signer = checkpointSigner(BENCH_AUDIT_SIGNING_KEY);
  const heads: StreamHead[] = [
    { streamId: 'complaint-a', version: 5, headHash: 'a'.repeat(64) },
    { streamId: 'complaint-b', version: 7, headHash: 'b'.repeat(64) },
  ];
  const statement = { id: 'cp-1', createdAt: '2026-12-02T10:00:00.000Z', root: headsRoot(heads), streamCount: heads.length };
  const checkpoint: CheckpointView = { ...statement, signature: signCheckpoint(statement, signer), publicKey: signer.publicKeyPem, streams: heads };
  const stored = new Map(heads.map((h) => [h.streamId, h.headHash]));
  const verification: StoreVerificationView = { valid: true, eventsChecked: 12, streamsChecked: 2, problemCount: 0, problems: [], checkpoint: { id: 'cp-1' } };
  const runStart = new Date('2026-12-02T09:59:00.000Z');

  it('passes a valid store and a consistent checkpoint', () => {
    expect(passes(chainLines(verification, { events: 12, streams: 2 }))).toBe(true);
    expect(passes(checkpointLines(checkpoint, stored, verification, signer.publicKey, runStart))).toBe(true);
  });

  it('reports a broken chain, and a verification that did not see every event', () => {
    const broken = { ...verification, valid: false, problemCount: 1, problems: [{ kind: 'hash-mismatch', streamId: 'complaint-a', position: 3, detail: 'x' }] };
    expect(passes(chainLines(broken, { events: 12, streams: 2 }))).toBe(false);
    expect(passes(chainLines(verification, { events: 13, streams: 2 }))).toBe(false);
  });

  it('reports a forged signature, a head the store no longer holds, and an old checkpoint', () => {
    const otherKey = createPublicKey(createPrivateKey({ key: Buffer.from(`302e020100300506032b657004220420${'11'.repeat(32)}`, 'hex'), format: 'der', type: 'pkcs8' }));
    expect(passes(checkpointLines(checkpoint, stored, verification, otherKey, runStart))).toBe(false);
    expect(passes(checkpointLines(checkpoint, new Map([[heads[0].streamId, heads[0].headHash]]), verification, signer.publicKey, runStart))).toBe(false);
    expect(passes(checkpointLines(checkpoint, stored, verification, signer.publicKey, new Date('2026-12-02T11:00:00.000Z')))).toBe(false);
    expect(passes(checkpointLines({ ...checkpoint, streams: [heads[0]] }, stored, verification, signer.publicKey, runStart))).toBe(false);
    expect(passes(checkpointLines(null, stored, verification, signer.publicKey, runStart))).toBe(false);
  });
});

describe('projection vs replay', () => {
  const rebuild = { cases: 2, identical: 2, differing: [], written: false };
  const same = [
    { id: 'a', projection: { status: 'closed', version: 9 }, replay: { status: 'closed', version: 9 } },
    { id: 'b', projection: { status: 'closed', version: 8 }, replay: { status: 'closed', version: 8 } },
  ];

  it('passes when every case equals its replay and its rebuild', () => {
    expect(passes(projectionLines(same, 2, rebuild))).toBe(true);
  });

  it('reports a case that differs, a case not compared, and a row the rebuild would change', () => {
    expect(passes(projectionLines([same[0], { ...same[1], replay: { status: 'resolved', version: 7 } }], 2, rebuild))).toBe(false);
    expect(passes(projectionLines(same.slice(0, 1), 2, rebuild))).toBe(false);
    expect(passes(projectionLines(same, 2, { ...rebuild, identical: 1, differing: ['complaint-b'] }))).toBe(false);
  });
});

describe('workflow states', () => {
  const cases: StoredCase[] = [
    { id: 'a', key: 'k', status: 'closed', closure: 'confirmed' },
    { id: 'b', key: 'k', status: 'investigating', closure: null },
  ];
  const statuses = new Map([
    ['complaint-a', 'COMPLETED' as const],
    ['complaint-b', 'RUNNING' as const],
  ]);

  it('passes a closed case completed and an open one running', () => {
    expect(passes(workflowStateLines(cases, statuses))).toBe(true);
  });

  it('reports a workflow finished under an open case, one failed, one missing', () => {
    expect(passes(workflowStateLines(cases, new Map([...statuses, ['complaint-b', 'COMPLETED' as const]])))).toBe(false);
    expect(passes(workflowStateLines(cases, new Map([...statuses, ['complaint-a', 'FAILED' as const]])))).toBe(false);
    expect(passes(workflowStateLines(cases, new Map([['complaint-a', 'COMPLETED' as const]])))).toBe(false);
  });
});

describe('webhooks', () => {
  const store: StoredWebhooks = { outbox: [{ notificationId: 'n1', processed: true }], sent: ['n1'], abandoned: [] };
  const delivery = (overrides: Partial<ReceivedWebhook> = {}): ReceivedWebhook => ({
    at: 0,
    webhookId: 'n1',
    signatureValid: true,
    bodyDigest: 'body-1',
    notificationId: 'n1',
    type: 'complaint.acknowledged',
    complaintId: 'a',
    contentDigest: 'content-1',
    mode: 'ok',
    answered: 204,
    ...overrides,
  });

  it('passes a webhook delivered twice under its own id', () => {
    expect(passes(webhookLines(store, [delivery({ answered: 500, mode: 'fail' }), delivery(), delivery()]))).toBe(true);
  });

  it('reports a webhook never answered 2xx, and one its case did not record', () => {
    expect(passes(webhookLines(store, [delivery({ answered: null, mode: 'hang' })]))).toBe(false);
    expect(passes(webhookLines({ ...store, sent: [] }, [delivery()]))).toBe(false);
  });

  it('reports the same notification under another webhook-id', () => {
    const lines = webhookLines({ ...store, outbox: [...store.outbox, { notificationId: 'n2', processed: true }], sent: ['n1', 'n2'] }, [
      delivery(),
      delivery({ webhookId: 'n2', notificationId: 'n2', bodyDigest: 'body-2' }),
    ]);
    expect(failing(lines)).toEqual(['duplicates only under the same webhook-id']);
  });

  it('reports a bad signature and a webhook the store does not know', () => {
    expect(failing(webhookLines(store, [delivery(), delivery({ signatureValid: false })]))).toEqual(['every webhook received signed by the engine and known to the store']);
    expect(failing(webhookLines(store, [delivery(), delivery({ webhookId: 'n9', notificationId: 'n9', contentDigest: 'content-9' })]))).toEqual([
      'every webhook received signed by the engine and known to the store',
    ]);
  });
});

describe('replay of the histories', () => {
  const all = { replayed: 3, failures: [], runs: 3, chosen: 3, sampled: false };

  it('passes when every chosen history replays, and reports non-determinism, a history not replayed and a case without one', () => {
    expect(passes(historyReplayLines(all, 3))).toBe(true);
    expect(passes(historyReplayLines({ ...all, replayed: 2, runs: 10, chosen: 2, sampled: true }, 3))).toBe(true);
    const failure = { workflowId: 'complaint-a', runId: 'r', error: 'nondeterminism', nondeterministic: true };
    expect(passes(historyReplayLines({ ...all, failures: [failure] }, 3))).toBe(false);
    expect(passes(historyReplayLines({ ...all, replayed: 2 }, 3))).toBe(false);
    expect(passes(historyReplayLines({ ...all, runs: 2, chosen: 2, replayed: 2 }, 3))).toBe(false);
  });
});

describe('/metrics vs the store', () => {
  const sample = (name: string, value: number, labels: Record<string, string> = {}): Sample => ({ name, labels, value });
  const store: StoreFigures = {
    cases: 10,
    openByStatus: { investigating: 2 },
    pendingByKind: {},
    promisesBroken: 3,
    escalationsByReason: { 'promise-breached': 3 },
    intakeEvents: 20,
    workflowEvents: 50,
  };
  const api = [
    sample('store_figures_up', 1),
    sample('complaints_open', 2, { status: 'investigating' }),
    sample('complaint_promises_broken_total', 3),
    sample('complaint_escalations_total', 3, { reason: 'promise-breached' }),
    sample('complaint_acknowledgment_seconds_count', 5),
    sample('events_appended_total', 10, { writer: 'intake' }),
  ];
  const worker = [sample('events_appended_total', 40, { writer: 'workflow' }), sample('webhook_deliveries_total', 4, { result: 'delivered' })];
  const load = { webhooks2xx: 5, tooManyRequests: 0 };

  it('passes figures equal to the store and counters within its bounds', () => {
    expect(passes(metricsLines([api, api], [worker], store, load))).toBe(true);
  });

  it('reports a store figure off by one on one API', () => {
    const off = api.map((s) => (s.name === 'complaint_promises_broken_total' ? { ...s, value: 2 } : s));
    expect(failing(metricsLines([api, off], [worker], store, load))).toEqual(["store figures on every API's /metrics equal the store (after the drain)"]);
  });

  it('reports an open status the store does not have', () => {
    expect(passes(metricsLines([[...api, sample('complaints_open', 1, { status: 'resolved' })]], [worker], store, load))).toBe(false);
  });

  it('reports a counter above what the store holds', () => {
    expect(failing(metricsLines([api], [worker, worker], store, load))).toEqual(['per-process counters within what the store and the load saw (they restart with their process)']);
  });
});

describe('load shedding', () => {
  const mark = { kind: 'overload' as const, label: 'overload burst', start: 10, end: 13 };
  const intake = (sentAt: number, status: number, extra: Partial<RequestRecord> = {}): RequestRecord => ({ sentAt, ms: 10, kind: 'intake', api: 0, status, ...extra });

  it('passes 429s with Retry-After during the burst, and reports one without it, or none at all', () => {
    const shed = [intake(30_000, 201), intake(11_000, 429, { retryAfter: true, burst: true }), intake(11_500, 201, { burst: true })];
    expect(passes(loadSheddingLines(overloadFigures(shed, [], [mark], 60)))).toBe(true);
    expect(passes(loadSheddingLines(overloadFigures([...shed, intake(40_000, 429, { retryAfter: false })], [], [mark], 60)))).toBe(false);
    expect(passes(loadSheddingLines(overloadFigures([intake(11_000, 201)], [], [mark], 60)))).toBe(false);
    expect(passes(loadSheddingLines(overloadFigures(shed, [], [], 60)))).toBe(false);
  });
});
