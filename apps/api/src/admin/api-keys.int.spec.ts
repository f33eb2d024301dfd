/**
 * API keys rotated without a restart, on the real API and database: an admin creates a key
 * (its secret answered once, stored as a digest), rotates it (the old secret stops working
 * at once), deletes it; every change is a line of the append-only admin log; nobody else may.
 * API processes starting together write the configured keys without tripping on each other.
 */
import { createHash, randomUUID } from 'node:crypto';
import { call } from '../../../../test/support/http';
import { PrincipalsService } from '../auth/principals.service';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ worker: false });
});

afterAll(async () => {
  await system?.close();
});

async function whoAmI(secret: string): Promise<number | string> {
  const response = await fetch(`${system.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
  const body = (await response.json()) as { principal?: string };
  return response.ok ? body.principal! : response.status;
}

it('creates, rotates and deletes a key at run time, each change in the admin log, no secret stored', async () => {
  const principal = `desk-${randomUUID().slice(0, 8)}`;
  const created = await call(system.baseUrl, 'POST', '/v1/admin/api-keys', { key: 'admin', body: { principal, role: 'intake' } });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ principal, role: 'intake', rotated: false, secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
  const first = created.body.secret as string;
  expect(await whoAmI(first)).toBe(principal);

  const rotated = await call(system.baseUrl, 'POST', '/v1/admin/api-keys', { key: 'admin', body: { principal, role: 'intake' } });
  expect(rotated.body).toMatchObject({ principal, rotated: true });
  const second = rotated.body.secret as string;
  expect(second).not.toBe(first);
  expect(await whoAmI(first)).toBe(401);
  expect(await whoAmI(second)).toBe(principal);

  const stored: { secret_hash: string }[] = await system.db.query('SELECT secret_hash FROM principals WHERE id = $1', [principal]);
  expect(stored).toEqual([{ secret_hash: createHash('sha256').update(second).digest('hex') }]);
  const listed = await call(system.baseUrl, 'GET', '/v1/admin/api-keys', { key: 'admin' });
  expect(listed.body).toEqual(expect.arrayContaining([{ principal, role: 'intake', createdAt: expect.any(String) }]));
  expect(listed.text).not.toContain(second);

  expect((await call(system.baseUrl, 'DELETE', `/v1/admin/api-keys/${principal}`, { key: 'admin' })).status).toBe(204);
  expect(await whoAmI(second)).toBe(401);
  expect((await call(system.baseUrl, 'DELETE', `/v1/admin/api-keys/${principal}`, { key: 'admin' })).status).toBe(404);

  const log: { actor: string; action: string; role: string }[] = await system.db.query(
    'SELECT actor, action, role FROM admin_log WHERE principal = $1 ORDER BY id',
    [principal],
  );
  expect(log).toEqual([
    { actor: 'root', action: 'api-key-created', role: 'intake' },
    { actor: 'root', action: 'api-key-rotated', role: 'intake' },
    { actor: 'root', action: 'api-key-deleted', role: 'intake' },
  ]);
  await expect(system.db.query('UPDATE admin_log SET actor = $1 WHERE principal = $2', ['someone-else', principal])).rejects.toThrow(/append-only/);
  await expect(system.db.query('DELETE FROM admin_log WHERE principal = $1', [principal])).rejects.toThrow(/append-only/);
});

it('refuses bad requests, other roles and an admin deleting the key making the call, changing nothing', async () => {
  const before: { count: number }[] = await system.db.query('SELECT count(*)::int AS count FROM admin_log');
  const bad = await call(system.baseUrl, 'POST', '/v1/admin/api-keys', { key: 'admin', body: { principal: 'desk:1,x', role: 'king' } });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['principal', 'role']);
  expect((await call(system.baseUrl, 'POST', '/v1/admin/api-keys', { key: 'manager', body: { principal: 'x', role: 'admin' } })).status).toBe(403);
  expect((await call(system.baseUrl, 'DELETE', '/v1/admin/api-keys/root', { key: 'admin' })).status).toBe(409);
  expect(await whoAmI('test-admin-secret')).toBe('root');
  const after: { count: number }[] = await system.db.query('SELECT count(*)::int AS count FROM admin_log');
  expect(after[0].count).toBe(before[0].count);
});

it('lets API processes starting together write the configured keys at once: none fails, each key stored once', async () => {
  for (let round = 0; round < 10; round += 1) {
    const entries = Array.from({ length: 20 }, (_, i) => ({ principal: `boot-${round}-${i}-${randomUUID().slice(0, 8)}`, role: 'agent' as const, secret: randomUUID() }));
    const starting = [new PrincipalsService(system.db), new PrincipalsService(system.db), new PrincipalsService(system.db)];
    await Promise.all(starting.map((service) => service.bootstrap(entries)));
    const stored: { n: number }[] = await system.db.query('SELECT count(*)::int AS n FROM principals WHERE id = ANY($1)', [entries.map((e) => e.principal)]);
    expect(stored).toEqual([{ n: entries.length }]);
  }
});
