/**
 * Migration 1763900001500 on a store whose report tables were folded before it: the tables
 * are emptied and the projector's checkpoint moved back to the start, so the projector folds
 * every event again and the new report_responses holds every final response already recorded
 * (a reopened case's two among them).
 */
import type { DataSource } from 'typeorm';
import { CaseHistory, writeHistories } from '../../../../test/support/case-history';
import { createFreshDatabase } from '../../../../test/support/fresh-database';
import { createDataSource, MIGRATIONS, openDatabase, runMigrations } from '../data-source';
import { catchUpReports, reportCoverage } from '../report-projection';
import { ReportResponses1763900001500 } from './1763900001500-report-responses';

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let db: DataSource | undefined;

beforeAll(async () => {
  database = await createFreshDatabase();
});

afterAll(async () => {
  if (db?.isInitialized) await db.destroy();
  await database.drop();
});

it('makes the projector fold every event again, filling report_responses with the responses already recorded', async () => {
  const before = createDataSource({ url: database.url });
  before.setOptions({ migrations: MIGRATIONS.filter((m) => m !== ReportResponses1763900001500) });
  await before.initialize();
  await runMigrations(before);
  const reopened = new CaseHistory({ receivedAt: new Date(Date.UTC(2026, 9, 5, 9)) }).resolve().answer(false).contact().resolve().answer(true);
  await writeHistories(before.manager, [reopened]);
  // as the projector before the migration left it: a case row, and a checkpoint at the end of the store
  await before.query(
    `INSERT INTO report_cases (case_id, reference, category, channel, policy_version, received_at, reopens, escalations)
     VALUES ($1, 'CR-2026-000001', 'billing', 'phone', 'test-fast-3', now(), 1, 0)`,
    [`complaint-${reopened.complaintId}`],
  );
  await before.query(
    `UPDATE report_checkpoint SET (transaction_id, global_position, max_position, events) =
       (SELECT e.transaction_id, e.global_position, e.global_position, (SELECT count(*) FROM events) FROM events e ORDER BY e.transaction_id DESC, e.global_position DESC LIMIT 1)`,
  );
  await before.destroy();

  db = await openDatabase({ url: database.url });
  expect(await reportCoverage(db.manager)).toEqual({ events: 0, coversThrough: 0 });
  expect(await db.query(`SELECT count(*)::int AS n FROM report_cases`)).toEqual([{ n: 0 }]);
  await catchUpReports(db);
  const responses: { outcome: string }[] = await db.query(`SELECT outcome FROM report_responses WHERE case_id = $1`, [`complaint-${reopened.complaintId}`]);
  expect(responses).toHaveLength(2);
  expect((await reportCoverage(db.manager)).events).toBe(reopened.events.length);
});
