/**
 * The report tables kept incrementally, batch by batch while cases move in any interleaving,
 * equal the tables rebuilt from scratch from the same events; and the projector folds what a
 * transaction that committed late wrote (the transaction-id fence), never skipping it.
 */
import fc from 'fast-check';
import { CaseHistory, writeHistories } from '../../../test/support/case-history';
import { migratedFreshDatabase } from '../../../test/support/fresh-database';
import { catchUpReports, projectReportBatch, reportCoverage, resetReportTables } from './report-projection';

const store = migratedFreshDatabase();

/** Every row of the report tables, in key order. */
async function tables(): Promise<Record<string, unknown[]>> {
  const read = (sql: string): Promise<unknown[]> => store.db.query(sql).then((rows: { row: unknown }[]) => rows.map((r) => r.row));
  return {
    cases: await read(`SELECT to_jsonb(t) AS row FROM report_cases t ORDER BY case_id`),
    promises: await read(`SELECT to_jsonb(t) AS row FROM report_promises t ORDER BY case_id, promise_id`),
    compensation: await read(`SELECT to_jsonb(t) AS row FROM report_compensation t ORDER BY case_id, proposal_id`),
    responses: await read(`SELECT to_jsonb(t) AS row FROM report_responses t ORDER BY case_id, resolution_id`),
  };
}

/** A case that moves as `plan` says (each plan a different ending), received at `at`. */
function history(plan: number, at: Date): CaseHistory {
  const c = new CaseHistory({ receivedAt: at, category: ['billing', 'delivery'][plan % 2], segment: ['retail', 'business'][plan % 3 === 0 ? 1 : 0] });
  switch (plan % 6) {
    case 0:
      return c.wait(2).contact().resolve().wait(1).answer(true);
    case 1:
      return c.wait(70).withdraw(); // its promise broken when due, escalated, then withdrawn
    case 2:
      return c.wait(3).withdraw(); // its promise broken by the closing
    case 3:
      return c.revisePromise(100).wait(5).contact().resolve('partially_upheld').answer(true);
    case 4:
      return c.compensate(4500).contact().resolve().answer(false).wait(2).contact().resolve().answer(true);
    default:
      return c.compensate(1000, 'GBP', 'credit').resolve('rejected').wait(25); // no answer: closed unconfirmed
  }
}

it('keeps report tables incrementally equal to a rebuild, whatever the interleaving of cases and batches', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 8 }),
      fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 40, maxLength: 120 }),
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 10, maxLength: 30 }),
      async (plans, turns, batches) => {
        const start = new Date(Date.UTC(2026, 9, 1, 9, 0, 0));
        const histories = plans.map((plan, i) => history(plan, new Date(start.getTime() + i * 7_000)));
        // appends of the cases in the drawn order, with a projector batch of a drawn size after every few
        for (let i = 0; i < turns.length; i++) {
          await writeHistories(store.db.manager, histories, [turns[i] % histories.length], true);
          if (i % 4 === 3) await projectReportBatch(store.db, batches[i % batches.length]);
        }
        await writeHistories(store.db.manager, histories);
        await catchUpReports(store.db, 5);
        const incremental = await tables();
        // a row per final response: a reopened case's second response too
        const [{ responses }] = await store.db.query(`SELECT count(*)::int AS responses FROM events WHERE type = 'ResolutionIssued'`);
        expect(incremental.responses).toHaveLength(responses);
        const coverage = await reportCoverage(store.db.manager);

        await resetReportTables(store.db);
        expect(await reportCoverage(store.db.manager)).toEqual({ events: 0, coversThrough: 0 });
        await catchUpReports(store.db);
        expect(await tables()).toEqual(incremental);
        expect(await reportCoverage(store.db.manager)).toEqual(coverage);
      },
    ),
    { numRuns: 6, seed: 20261202 },
  );
  const [{ events }] = await store.db.query(`SELECT count(*)::int AS events FROM events`);
  expect((await reportCoverage(store.db.manager)).events).toBe(events);
});

it('folds an event whose transaction wrote first but committed last, never skipping it', async () => {
  await catchUpReports(store.db);
  const late = new CaseHistory({ receivedAt: new Date(Date.UTC(2026, 9, 2, 9)) });
  const early = new CaseHistory({ receivedAt: new Date(Date.UTC(2026, 9, 2, 9)) });
  const inReports = async (c: CaseHistory) =>
    (await store.db.query(`SELECT count(*)::int AS n FROM report_cases WHERE case_id = $1`, [`complaint-${c.complaintId}`]))[0].n as number;
  const runner = store.db.createQueryRunner();
  await runner.connect();
  try {
    // the late case's first event takes its global position first, in a transaction left open…
    await runner.startTransaction();
    await late.writeNext(runner.manager);
    // …while another case is recorded after it and committed, and the projector runs
    await writeHistories(store.db.manager, [early]);
    await catchUpReports(store.db);
    expect(await inReports(early)).toBe(0); // held back behind the open transaction, not read past it
    await runner.commitTransaction();
  } finally {
    await runner.release();
  }
  await writeHistories(store.db.manager, [late]);
  await catchUpReports(store.db);
  expect([await inReports(late), await inReports(early)]).toEqual([1, 1]);
  const [{ events }] = await store.db.query(`SELECT count(*)::int AS events FROM events`);
  expect((await reportCoverage(store.db.manager)).events).toBe(events);
});
