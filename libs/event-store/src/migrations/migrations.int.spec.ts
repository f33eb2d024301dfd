/** The schema comes from versioned migrations, from an empty database, and re-running is a no-op. */
import type { DataSource } from 'typeorm';
import { createFreshDatabase } from '../../../../test/support/fresh-database';
import { openDatabase, MIGRATIONS } from '../data-source';

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let db: DataSource;

beforeAll(async () => {
  database = await createFreshDatabase();
});

afterAll(async () => {
  if (db?.isInitialized) await db.destroy();
  await database.drop();
});

it('builds the whole schema from an empty database, once, even when two processes start together', async () => {
  const [a, b] = await Promise.all([openDatabase({ url: database.url }), openDatabase({ url: database.url })]);
  await b.destroy();
  db = a;

  const applied: { name: string }[] = await db.query('SELECT name FROM schema_migrations ORDER BY id');
  expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  const tables: { table_name: string }[] = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  expect(tables.map((t) => t.table_name)).toEqual([
    'admin_log',
    'audit_access_log',
    'audit_checkpoint_heads',
    'audit_checkpoints',
    'compensation_proposals',
    'complaint_case_items',
    'complaint_cases',
    'events',
    'followed_streams',
    'idempotency_keys',
    'outbox',
    'policies',
    'principals',
    'report_cases',
    'report_checkpoint',
    'report_compensation',
    'report_promises',
    'report_responses',
    'schema_migrations',
    'streams',
  ]);

  const again = await openDatabase({ url: database.url });
  const reapplied: unknown[] = await again.query('SELECT name FROM schema_migrations');
  await again.destroy();
  expect(reapplied).toHaveLength(MIGRATIONS.length);
});
