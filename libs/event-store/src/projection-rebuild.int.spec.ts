/**
 * Rebuilding every case projection from events alone gives rows identical to the stored
 * ones — for every case in the run's database at this point (this file's, and those the
 * other integration tests created) — and a tampered row is reported and then repaired.
 */
import { call, fileComplaint } from '../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../test/support/test-system';
import { rebuildCaseProjections } from './projection-rebuild';

let system: TestSystem;
const cases: string[] = [];

beforeAll(async () => {
  system = await startTestSystem();
  for (let i = 0; i < 3; i++) {
    const { body } = await fileComplaint(system.baseUrl);
    cases.push(body.id);
    for (let n = 0; n <= i; n++) {
      const reply = await call(system.baseUrl, 'POST', `/v1/complaints/${body.id}/notes`, { key: 'agent', body: { text: `note ${n} 🙂` } });
      expect(reply.status).toBe(201);
    }
  }
});

afterAll(async () => {
  await system?.close();
});

const rows = async () =>
  ((await system.db.query('SELECT id, to_jsonb(c) AS row FROM complaint_cases c WHERE id = ANY($1::uuid[]) ORDER BY id', [cases])) as { row: unknown }[]).map(
    (r) => r.row,
  );

it('rebuilds rows identical to the stored ones for every case in the database', async () => {
  const before = await rows();
  const check = await rebuildCaseProjections(system.db, { write: false });
  expect(check.differing).toEqual([]);
  expect(check.cases).toBeGreaterThanOrEqual(cases.length);
  expect(check.identical).toBe(check.cases);

  const written = await rebuildCaseProjections(system.db, { write: true });
  expect(written.differing).toEqual([]);
  expect(await rows()).toEqual(before);
});

it('reports a tampered projection row and restores it from events', async () => {
  const [row] = await system.db.query('SELECT owner, state FROM complaint_cases WHERE id = $1', [cases[1]]);
  await system.db.query(`UPDATE complaint_cases SET owner = 'mallory', state = jsonb_set(state, '{notes}', '[]') WHERE id = $1`, [cases[1]]);

  const check = await rebuildCaseProjections(system.db, { write: false });
  expect(check.differing).toEqual([`complaint-${cases[1]}`]);
  const [untouched] = await system.db.query('SELECT owner FROM complaint_cases WHERE id = $1', [cases[1]]);
  expect(untouched.owner).toBe('mallory'); // check mode wrote nothing

  await rebuildCaseProjections(system.db, { write: true });
  const [restored] = await system.db.query('SELECT owner, state FROM complaint_cases WHERE id = $1', [cases[1]]);
  expect(restored).toEqual(row);
  expect((await rebuildCaseProjections(system.db, { write: false })).differing).toEqual([]);
});
