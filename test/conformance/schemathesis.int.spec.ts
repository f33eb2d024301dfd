/**
 * The API against its own OpenAPI document, as an integrator's tooling sees it: schemathesis
 * (every check it has) runs once per role against the real API and worker on the run's
 * PostgreSQL and Temporal, a bounded number of examples with a fixed seed so a failure
 * repeats. Any server error, any answer the document does not describe, any schema-valid
 * request refused as malformed or invalid one accepted fails the test with schemathesis's
 * own report. `npm run fuzz` runs the long campaign.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { runSchemathesis } from '../../scripts/schemathesis';
import { createFreshDatabase } from '../support/fresh-database';
import { startTestSystem, TEST_KEYS, type TestSystem } from '../support/test-system';

const ROLE_KEYS = {
  intake: TEST_KEYS.intake,
  agent: TEST_KEYS.agent,
  manager: TEST_KEYS.manager,
  director: TEST_KEYS.director,
  auditor: TEST_KEYS.auditor,
  admin: TEST_KEYS.admin,
};

let system: TestSystem;
let database: Awaited<ReturnType<typeof createFreshDatabase>>;

// a database and task queue of its own: schemathesis lists cases and acts on what it finds,
// and must find only cases whose workflows this system's worker runs
beforeAll(async () => {
  database = await createFreshDatabase();
  system = await startTestSystem({
    databaseUrl: database.url,
    taskQueue: `schemathesis-${randomUUID()}`,
    policyFile: path.join(__dirname, '../../policies/test-fast.yaml'),
  });
});

afterAll(async () => {
  await system?.close();
  await database?.drop();
});

it('serves what its OpenAPI document says, for every role', async () => {
  const reportDir = mkdtempSync(path.join(os.tmpdir(), 'schemathesis-'));
  const runs = await runSchemathesis({
    baseUrl: system.baseUrl,
    keys: ROLE_KEYS,
    maxExamples: Number(process.env.SCHEMATHESIS_EXAMPLES ?? 6),
    seed: 20261201,
    reportDir,
  });
  const failed = runs.filter((run) => run.exitCode !== 0);
  const report = failed.map((run) => `--- schemathesis as ${run.role} (exit ${run.exitCode}, phases ${run.phases}, report in ${run.reportDir}) ---\n${run.output}`).join('\n');
  expect(report).toBe('');
  // it really ran: every role and the public operations were sent requests, thousands in all
  expect([...new Set(runs.map((run) => run.role))].sort()).toEqual([...Object.keys(ROLE_KEYS), 'anonymous'].sort());
  for (const run of runs) expect(run.testCases).toBeGreaterThan(0);
  expect(runs.reduce((sum, run) => sum + run.testCases, 0)).toBeGreaterThan(2_000);
}, 15 * 60_000);
