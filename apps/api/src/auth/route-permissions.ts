/**
 * Who may call which route: the one table the key guard reads, the OpenAPI document shows
 * (each operation's `x-roles`, written from here) and the permission test walks (every route
 * × no key, an unknown key and every role). A route missing from the table, or an entry no
 * route answers, stops the API at start-up (`documentRoutePermissions`).
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { ROLES, type MetricsAuth, type Role } from '../../../../libs/config/src';

/** Needs no key (health checks). */
export const PUBLIC = 'public';
/** Prometheus's scrapes: no key, or an admin's key when the deployment sets METRICS_AUTH=admin. */
export const SCRAPERS = 'scrapers';

export type Permission = readonly Role[] | typeof PUBLIC;
export type PermissionTable = Readonly<Record<string, Permission>>;

const CASE_WORKERS: readonly Role[] = ['agent', 'manager', 'director'];
const CASE_READERS: readonly Role[] = ['agent', 'manager', 'director', 'auditor'];
const DECIDERS: readonly Role[] = ['manager', 'director'];
const AUDITOR: readonly Role[] = ['auditor'];
const INTAKE: readonly Role[] = ['intake'];
const ADMIN: readonly Role[] = ['admin'];
const REPORT_READERS: readonly Role[] = ['manager', 'director', 'auditor'];

// Case work is open to agents and managers (the contract) and to directors too: a case
// escalated to the ladder's top rung can only be owned, and so worked, by a director.
export const ROUTE_PERMISSIONS: Readonly<Record<string, Permission | typeof SCRAPERS>> = {
  'GET /health': PUBLIC,
  'GET /health/ready': PUBLIC,
  'GET /health/live': PUBLIC,
  'GET /metrics': SCRAPERS,
  'GET /v1/me': ROLES,

  'POST /v1/complaints': ['intake', 'agent'],
  'GET /v1/complaints': CASE_READERS,
  'GET /v1/complaints/{id}': ['intake', ...CASE_READERS],
  'GET /v1/complaints/{id}/events': CASE_READERS,
  'GET /v1/complaints/{id}/events/stream': CASE_READERS,
  'GET /v1/complaints/{id}/notices': ['intake', ...CASE_READERS],

  'POST /v1/complaints/{id}/notes': CASE_WORKERS,
  'POST /v1/complaints/{id}/assignment': CASE_WORKERS,
  'POST /v1/complaints/{id}/assignment/acceptance': CASE_WORKERS,
  'POST /v1/complaints/{id}/contacts': CASE_WORKERS,
  'POST /v1/complaints/{id}/information-requests': CASE_WORKERS,
  'POST /v1/complaints/{id}/customer-messages': INTAKE,
  'POST /v1/complaints/{id}/promise': CASE_WORKERS,
  'POST /v1/complaints/{id}/callback-promises': CASE_WORKERS,
  'POST /v1/complaints/{id}/escalations': [...CASE_WORKERS, 'intake'],
  'POST /v1/complaints/{id}/merge': CASE_WORKERS,
  'POST /v1/complaints/{id}/compensation-proposals': CASE_WORKERS,
  'POST /v1/complaints/{id}/compensation-proposals/{proposalId}/decision': DECIDERS,
  'POST /v1/complaints/{id}/resolution': CASE_WORKERS,
  'POST /v1/complaints/{id}/resolution/review': CASE_WORKERS,
  'POST /v1/complaints/{id}/satisfaction': INTAKE,
  'POST /v1/complaints/{id}/withdrawal': INTAKE,

  'GET /v1/approvals': DECIDERS,
  'GET /v1/dashboard': CASE_READERS,
  'GET /v1/reports/promises': REPORT_READERS,
  'GET /v1/reports/fairness': REPORT_READERS,
  'GET /v1/reports/outcomes': REPORT_READERS,
  'POST /v1/reports/what-if': REPORT_READERS,
  'GET /v1/reports/returns': REPORT_READERS,
  'GET /v1/reports/root-causes': REPORT_READERS,

  'GET /v1/complaints/{id}/verification': AUDITOR,
  'GET /v1/complaints/{id}/replay': AUDITOR,
  'GET /v1/complaints/{id}/dossier': AUDITOR,
  'GET /v1/complaints/{id}/workflow-history': AUDITOR,
  'GET /v1/audit/verification': AUDITOR,
  'POST /v1/audit/checkpoints': ['auditor', 'admin'],
  'GET /v1/audit/checkpoints/latest': AUDITOR,

  'GET /v1/admin/api-keys': ADMIN,
  'POST /v1/admin/api-keys': ADMIN,
  'DELETE /v1/admin/api-keys/{principal}': ADMIN,
};

/** The table's key of a route as Express matched it: `POST /v1/complaints/:id/notes` → `POST /v1/complaints/{id}/notes`. */
export function routeKey(method: string, expressPath: string): string {
  return `${method.toUpperCase()} ${expressPath.replace(/:(\w+)/g, '{$1}')}`;
}

/** The table as this deployment's configuration settles it (who may scrape /metrics). */
export function routePermissions(metricsAuth: MetricsAuth): PermissionTable {
  return Object.fromEntries(
    Object.entries(ROUTE_PERMISSIONS).map(([route, permission]) => [route, permission === SCRAPERS ? (metricsAuth === 'admin' ? ADMIN : PUBLIC) : permission]),
  );
}

/** Who may call the route; undefined for a route the table does not know. */
export function permissionOf(table: PermissionTable, method: string, expressPath: string): Permission | undefined {
  return table[routeKey(method, expressPath)];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * Writes each operation's roles into the OpenAPI document (`x-roles`; public operations get
 * none) and refuses a document whose routes and the table disagree.
 */
export function documentRoutePermissions(document: OpenAPIObject, table: PermissionTable): void {
  const unlisted: string[] = [];
  const served = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as Record<string, unknown> | undefined;
      if (!operation) continue;
      const key = `${method.toUpperCase()} ${path}`;
      served.add(key);
      const roles = table[key];
      if (roles === undefined) unlisted.push(key);
      else if (roles !== PUBLIC) operation['x-roles'] = [...roles];
    }
  }
  const stale = Object.keys(table).filter((key) => !served.has(key));
  if (unlisted.length || stale.length) {
    throw new Error(
      'the permission table (apps/api/src/auth/route-permissions.ts) and the routes disagree: ' +
        [unlisted.length ? `routes missing from the table: ${unlisted.join(', ')}` : '', stale.length ? `entries no route answers: ${stale.join(', ')}` : '']
          .filter(Boolean)
          .join('; '),
    );
  }
}
