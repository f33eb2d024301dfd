/**
 * The permission table, walked on the real API: every route it lists × no key, an unknown
 * key and every role answers 401, 403 or gets past the guard exactly as the table says (past
 * the guard: any answer but 401 and 403, here mostly 400 or 404 since the ids are made up and
 * bodies empty). And the OpenAPI document shows each route's roles from the same table.
 */
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '../../../../libs/config/src';
import { call, type KeyName } from '../../../../test/support/http';
import { startTestSystem, type TestSystem } from '../../../../test/support/test-system';
import { PUBLIC, routePermissions } from './route-permissions';

/** The test system's table: METRICS_AUTH is not set, so /metrics needs no key. */
const ROUTE_PERMISSIONS = routePermissions('none');

let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});

afterAll(async () => {
  await system?.close();
});

/** A test key of each role (test-system.ts bootstraps them). */
const KEY_OF: Record<Role, KeyName> = { intake: 'intake', agent: 'agent', manager: 'manager', director: 'director', auditor: 'auditor', admin: 'admin' };

type Caller = { name: string; key: KeyName | null; headers?: Record<string, string> } & ({ role: Role } | { role: null });

const CALLERS: Caller[] = [
  { name: 'no key', key: null, role: null },
  { name: 'an unknown key', key: null, role: null, headers: { authorization: 'Bearer not-a-key-anyone-has' } },
  ...ROLES.map((role) => ({ name: role, key: KEY_OF[role], role })),
];

function expected(route: string, caller: Caller): 'allowed' | 401 | 403 {
  const roles = ROUTE_PERMISSIONS[route];
  if (roles === PUBLIC) return 'allowed';
  if (caller.role === null) return 401;
  return roles.includes(caller.role) ? 'allowed' : 403;
}

it('answers every route × every caller exactly as the table says', async () => {
  const mismatches: string[] = [];
  for (const route of Object.keys(ROUTE_PERMISSIONS)) {
    const [method, template] = route.split(' ');
    const path = template.replace(/\{\w+\}/g, () => randomUUID());
    for (const caller of CALLERS) {
      const reply = await call(system.baseUrl, method, path, {
        key: caller.key,
        headers: caller.headers,
        ...(method === 'POST' ? { body: {} } : {}),
      });
      const answered = reply.status === 401 || reply.status === 403 ? reply.status : 'allowed';
      if (answered !== expected(route, caller)) mismatches.push(`${route} as ${caller.name}: ${reply.status}, expected ${expected(route, caller)}`);
    }
  }
  expect(mismatches).toEqual([]);
});

it('shows each operation’s roles in the OpenAPI document, from the same table', async () => {
  const document = (await call(system.baseUrl, 'GET', '/openapi.json', { key: null })).body;
  const shown: Record<string, unknown> = {};
  for (const [path, operations] of Object.entries<Record<string, { 'x-roles'?: string[] }>>(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) shown[`${method.toUpperCase()} ${path}`] = operation['x-roles'] ?? PUBLIC;
  }
  expect(shown).toEqual(Object.fromEntries(Object.entries(ROUTE_PERMISSIONS).map(([route, roles]) => [route, roles === PUBLIC ? PUBLIC : [...roles]])));
});
