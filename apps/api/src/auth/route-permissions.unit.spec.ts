import type { OpenAPIObject } from '@nestjs/swagger';
import { documentRoutePermissions, PUBLIC, ROUTE_PERMISSIONS, routePermissions } from './route-permissions';

/** A document with an operation for each of these routes (`METHOD /path`). */
function documentOf(routes: string[]): OpenAPIObject {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    const [method, path] = route.split(' ');
    (paths[path] ??= {})[method.toLowerCase()] = { responses: {} };
  }
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths } as OpenAPIObject;
}

it('writes each listed operation’s roles as x-roles, and none on public ones', () => {
  const document = documentOf(Object.keys(ROUTE_PERMISSIONS));
  documentRoutePermissions(document, routePermissions('none'));
  expect(document.paths['/v1/approvals'].get?.['x-roles' as never]).toEqual(['manager', 'director']);
  expect(document.paths['/health'].get).not.toHaveProperty('x-roles');
});

it('refuses a route missing from the table and an entry no route answers', () => {
  const routes = Object.keys(ROUTE_PERMISSIONS).filter((route) => route !== 'GET /v1/dashboard');
  expect(() => documentRoutePermissions(documentOf([...routes, 'DELETE /v1/complaints/{id}']), routePermissions('none'))).toThrow(
    /routes missing from the table: DELETE \/v1\/complaints\/\{id\}; entries no route answers: GET \/v1\/dashboard/,
  );
});

it('lets anyone scrape /metrics, or only admins when the deployment says METRICS_AUTH=admin', () => {
  expect(routePermissions('none')['GET /metrics']).toBe(PUBLIC);
  expect(routePermissions('admin')['GET /metrics']).toEqual(['admin']);
  expect(routePermissions('admin')['GET /v1/approvals']).toEqual(ROUTE_PERMISSIONS['GET /v1/approvals']);
});
