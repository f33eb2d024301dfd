/**
 * POST /v1/reports/what-if over a store of this spec's own: cases decided by the domain's
 * deciders on the seconds-scale policy (test-fast: promised resolution 60 s after receipt,
 * warned at 45 s), replayed by the API under a candidate policy. Under the policy in force
 * the replay reproduces what happened; under a slower resolution deadline the late case
 * keeps its promise; a case started under another policy version and one closed before the
 * window are excluded and named; nothing is written; only report readers may ask.
 */
import type { Policy } from '../../../../libs/domain/src';
import { CaseHistory } from '../../../../test/support/case-history';
import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import { call } from '../../../../test/support/http';
import { startReportSystem, type ReportSystem } from '../../../../test/support/report-system';
import type { TestSystem } from '../../../../test/support/test-system';


const DAY = new Date(Date.UTC(2026, 9, 5, 9, 0, 0));
const at = (seconds: number) => new Date(DAY.getTime() + seconds * 1000);
const inForce = loadPolicy('test-fast.yaml').policy;

const closedEarlier = new CaseHistory({ receivedAt: at(-600) }).contact().resolve().answer(true);
const underOldPolicy = new CaseHistory({ receivedAt: at(5), policy: { ...inForce, version: 'test-fast-1' } }).contact().wait(70).resolve().answer(true);
const histories = [
  closedEarlier,
  underOldPolicy,
  new CaseHistory({ receivedAt: at(0), category: 'billing' }).contact().resolve().answer(true),
  new CaseHistory({ receivedAt: at(1), category: 'billing' }).contact().wait(80).resolve().answer(true),
  new CaseHistory({ receivedAt: at(2), category: 'delivery' }).wait(150).resolve('rejected').wait(25),
  new CaseHistory({ receivedAt: at(3), category: 'delivery' }).contact().wait(20).withdraw(),
];
const window = { from: DAY.toISOString(), to: at(3_600).toISOString() };

let reports: ReportSystem;
let system: TestSystem;

beforeAll(async () => {
  reports = await startReportSystem(histories);
  system = reports.system;
});

afterAll(async () => {
  await reports?.close();
});

const whatIf = (policy: unknown, key: 'manager' | 'auditor' | 'director' | 'agent' = 'manager') =>
  call(system.baseUrl, 'POST', '/v1/reports/what-if', { key, body: { ...window, policy } });

async function storeState() {
  const [row] = await system.db.query(
    `SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM outbox) AS outbox,
            (SELECT to_jsonb(c) FROM report_checkpoint c) AS checkpoint, (SELECT count(*)::int FROM report_promises) AS promises`,
  );
  return row;
}

it('replayed under the policy in force, reproduces what happened in every category, and names what it left out', async () => {
  const before = await storeState();
  const reply = await whatIf(inForce);
  expect(reply.status).toBe(200);
  expect(reply.body).toMatchObject({ candidatePolicyVersion: inForce.version, policyInForce: inForce.version, replayed: 4 });
  expect(reply.body.categories.map((c: { category: string }) => c.category)).toEqual(['billing', 'delivery']);
  for (const side of [...reply.body.categories, reply.body.total]) expect(side.whatIf).toEqual(side.actual);
  // counted from the events this spec wrote: the breaches and warnings the clock decided
  const breaches = histories.slice(2).flatMap((h) => h.events).filter((e) => e.type === 'PromiseBroken').length;
  const warnings = histories.slice(2).flatMap((h) => h.events).filter((e) => e.type === 'PromiseWarning').length;
  expect(reply.body.total.actual).toMatchObject({ promisesBroken: breaches, warnings, regulatoryMissed: 1 });
  expect(reply.body.excluded).toEqual({
    otherPolicy: { cases: 1, references: [underOldPolicy.state.reference] },
    closedBeforePeriod: { cases: 1, references: [closedEarlier.state.reference] },
  });
  // it changed nothing
  expect(await storeState()).toEqual(before);
});

it('under a 2-minute resolution deadline, the case resolved at 80 s keeps its promise: fewer broken, fewer warned', async () => {
  const lenient: Policy = { ...inForce, version: 'candidate-slower', severities: { ...inForce.severities, normal: { ...inForce.severities.normal, resolution: 'PT120S' } } };
  const reply = await whatIf(lenient);
  expect(reply.status).toBe(200);
  const billing = reply.body.categories.find((c: { category: string }) => c.category === 'billing');
  expect(billing.actual).toMatchObject({ promisesBroken: 1, warnings: 1 });
  expect(billing.whatIf).toMatchObject({ promisesBroken: 0, warnings: 0 });
  expect(reply.body.candidatePolicyVersion).toBe('candidate-slower');
});

it('refuses a candidate that is not a valid policy, naming each bad field, and lets only report readers ask', async () => {
  const bad = await whatIf({ ...inForce, warningAt: 3, severities: { ...inForce.severities, normal: { ...inForce.severities.normal, resolution: 'soon' } } });
  expect(bad.status).toBe(422);
  expect(bad.headers.get('content-type')).toContain('application/problem+json');
  expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.policy.severities.normal.resolution', 'body.policy.warningAt']);
  expect((await whatIf(inForce, 'agent')).status).toBe(403);
  expect((await whatIf(inForce, 'auditor')).status).toBe(200);
  expect((await whatIf(inForce, 'director')).status).toBe(200);
});
