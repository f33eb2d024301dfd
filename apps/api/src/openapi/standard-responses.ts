/**
 * The answers every operation can give because of what it is, added to the OpenAPI
 * document in one place so no route can forget one: 401/403 for every /v1 route (the
 * key guard), 404 where a path names a resource, 400 where the request has parts to
 * validate, 413/415 where it has a body, 429 beyond the key's rate limit, 503 where the
 * database (or Temporal) may be down.
 * Path parameters get the schema the server checks them with. Route-specific answers (409,
 * 422, ...) stay with their routes. Every answer documents the `X-Request-Id` it carries.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { REQUEST_ID_HTTP_HEADER } from '../../../../libs/observability/src';
import { complaintIdSchema } from '../complaints/complaint-requests';
import { openApiSchema, problemSchema, type SchemaObject } from './openapi-schemas';

const PATH_PARAMETERS: Record<string, SchemaObject> = {
  id: { ...openApiSchema(complaintIdSchema), description: 'the complaint id (a UUID; anything else is no complaint: 404)' },
  proposalId: { ...openApiSchema(complaintIdSchema), description: 'the compensation proposal id (a UUID)' },
};

const STANDARD: Record<string, string> = {
  '400': 'The request does not match this operation’s schema (errors[] names every bad or unknown field)',
  '401': 'Missing or unknown API key',
  '403': 'The key’s role may not do this',
  '404': 'No such complaint (or not one this key may see)',
  '413': 'The body is over 1 MB',
  '415': 'The body is not application/json',
  '429': 'More requests from this API key than RATE_LIMIT allows; nothing was changed, retry after Retry-After seconds',
  '503': 'A dependency (PostgreSQL or Temporal) is unavailable; nothing was changed, retry (Retry-After)',
};

interface Operation {
  parameters?: { name: string; in: string; schema?: SchemaObject; description?: string }[];
  requestBody?: unknown;
  responses: Record<string, { description?: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
}

const REQUEST_ID_HEADER = {
  description:
    'The id of this request: the `X-Request-Id` the caller sent, when it is 1 to 128 of `A-Z a-z 0-9 . _ : -`, else a new UUID. ' +
    'The engine’s log lines of the request, and of the workflow work it causes, carry it.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function documentStandardResponses(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const parameters = operation.parameters ?? [];
      for (const parameter of parameters) {
        const schema = parameter.in === 'path' ? PATH_PARAMETERS[parameter.name] : undefined;
        if (schema) Object.assign(parameter, { schema, description: parameter.description ?? schema.description });
      }
      const statuses = new Set<string>();
      if (path.startsWith('/v1/')) ['401', '403', '429', '503'].forEach((s) => statuses.add(s));
      if (parameters.some((p) => p.in === 'path')) statuses.add('404');
      if (operation.requestBody || parameters.some((p) => p.in === 'query' || p.in === 'header')) statuses.add('400');
      if (operation.requestBody) ['413', '415'].forEach((s) => statuses.add(s));
      for (const status of statuses) {
        const existing = operation.responses[status];
        operation.responses[status] = {
          description: existing?.description ?? STANDARD[status],
          content: { 'application/problem+json': { schema: problemSchema } },
        };
      }
      for (const response of Object.values(operation.responses)) {
        response.headers = { ...response.headers, [REQUEST_ID_HTTP_HEADER]: REQUEST_ID_HEADER };
      }
    }
  }
}
