/**
 * Append-only by grants, not only by trigger: with the triggers switched off, the
 * application's role `complaints_app` still cannot UPDATE, DELETE or TRUNCATE events,
 * checkpoints or the access log, while a LOGIN role that is a member of it can run what
 * the application does (append, checkpoint, log a read, verify).
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { checkpointSigner, createCheckpoint, generateSigningKey, recordAccess, verifyStore } from '../../audit-trail/src';
import { createFreshDatabase } from '../../../test/support/fresh-database';
import { appendToStream } from './append-to-stream';
import { openDatabase } from './data-source';
import { APP_ROLE } from './migrations/1763900000101-least-privilege-role';

let database: Awaited<ReturnType<typeof createFreshDatabase>>;
let owner: DataSource;
const loginRole = `app_login_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

const append = (db: DataSource, streamId: string, expectedVersion = 0) =>
  db.transaction((tx) =>
    appendToStream(tx, {
      streamId,
      streamType: 'complaint',
      expectedVersion,
      recordedAt: new Date(),
      events: [{ id: randomUUID(), type: 'NoteAdded', schemaVersion: 1, data: { text: 'x' }, actor: { principal: 'a', role: 'agent' }, occurredAt: new Date().toISOString() }],
    }),
  );

beforeAll(async () => {
  database = await createFreshDatabase();
  owner = await openDatabase({ url: database.url });
  await append(owner, 's-1');
  await recordAccess(owner.manager, { principal: 'audit', role: 'auditor', method: 'GET', route: '/x', path: '/x', complaintId: null });
  await createCheckpoint(owner, checkpointSigner(generateSigningKey()), { createdBy: 'test' });
  await owner.query(`INSERT INTO admin_log (actor, action, principal, role) VALUES ('root', 'api-key-created', 'desk-9', 'intake')`);
  // a superuser switches the triggers off: from here only the grants stand in the way
  for (const table of ['events', 'audit_access_log', 'audit_checkpoints', 'audit_checkpoint_heads', 'admin_log']) {
    await owner.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
  }
});

afterAll(async () => {
  await owner?.destroy();
  await database?.drop();
  const admin = await openDatabase({ url: process.env.TEST_DATABASE_URL! });
  await admin.query(`DROP ROLE IF EXISTS ${loginRole}`);
  await admin.destroy();
});

/** Run `sql` as complaints_app (SET ROLE inside a transaction that is always rolled back). */
async function asAppRole(sql: string): Promise<unknown> {
  const runner = owner.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SET LOCAL ROLE ${APP_ROLE}`);
    return await runner.query(sql);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

it.each([
  ['events', `UPDATE events SET data = '{}'`],
  ['events', 'DELETE FROM events'],
  ['events', 'TRUNCATE events CASCADE'],
  ['audit_access_log', `UPDATE audit_access_log SET principal = 'someone else'`],
  ['audit_access_log', 'DELETE FROM audit_access_log'],
  ['audit_access_log', 'TRUNCATE audit_access_log'],
  ['audit_checkpoints', `UPDATE audit_checkpoints SET root = repeat('0', 64)`],
  ['audit_checkpoint_heads', 'DELETE FROM audit_checkpoint_heads'],
  ['admin_log', `UPDATE admin_log SET actor = 'someone else'`],
  ['admin_log', 'DELETE FROM admin_log'],
  ['admin_log', 'TRUNCATE admin_log'],
])('%s: the app role is refused %s with the triggers off', async (table, sql) => {
  await expect(asAppRole(sql)).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
});

it('the triggers really are off: the owner could change the rows (so the refusals above are the grants)', async () => {
  const runner = owner.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  const [, updated] = await runner.query(`UPDATE events SET data = '{}'`);
  await runner.rollbackTransaction();
  await runner.release();
  expect(updated).toBeGreaterThan(0);
});

it('a LOGIN member of the app role runs what the application does', async () => {
  await owner.query(`CREATE ROLE ${loginRole} LOGIN PASSWORD 'app-login-password' IN ROLE ${APP_ROLE}`);
  const url = new URL(database.url);
  url.username = loginRole;
  url.password = 'app-login-password';
  const app = await openDatabase({ url: url.toString() }); // migrations are applied already: a no-op
  try {
    await append(app, 's-2');
    await append(app, 's-1', 1);
    await recordAccess(app.manager, { principal: 'audit', role: 'auditor', method: 'GET', route: '/y', path: '/y', complaintId: null });
    const signer = checkpointSigner(generateSigningKey());
    await createCheckpoint(app, signer, { createdBy: 'worker' });
    expect(await verifyStore(app, { trustedKey: signer.publicKey })).toMatchObject({ valid: true, eventsChecked: 3 });
    await expect(app.query(`UPDATE events SET data = '{}'`)).rejects.toThrow(/permission denied/);
    await expect(app.query('CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied/);
  } finally {
    await app.destroy();
  }
});
