/**
 * A known path asked with a method it does not serve answers 405 with `Allow` (RFC 9110
 * 15.5.6), not 404; `OPTIONS` on a known path answers 204 with `Allow`. The methods come
 * from the routes Nest registered with Express, read at request time (so every route is
 * known), so this list can never disagree with what is served.
 */
import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from '../problems/problem';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
  match(path: string): unknown;
}

/** An Express application: its router holds a layer per registered route. */
export interface RouterHost {
  router: { stack: RouteLayer[] };
}

export function allowedMethods(express: RouterHost) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const allowed = new Set<string>();
    for (const layer of express.router.stack) {
      // Nest's not-found handlers are catch-all routes (`/{*path}`) for every method: not ours
      if (!layer.route || layer.route.path.includes('*') || !layer.match(request.path)) continue;
      for (const [method, served] of Object.entries(layer.route.methods)) {
        if (!served || method === '_all') continue;
        allowed.add(method.toUpperCase());
        if (method === 'get') allowed.add('HEAD');
      }
    }
    if (allowed.size === 0 || allowed.has(request.method)) {
      next();
      return;
    }
    allowed.add('OPTIONS');
    const allow = [...allowed].sort().join(', ');
    if (request.method === 'OPTIONS') {
      response.setHeader('Allow', allow);
      response.status(204).end();
      return;
    }
    next(new ProblemException('method-not-allowed', `${request.method} is not served at ${request.path}; allowed: ${allow}`, {}, { Allow: allow }));
  };
}
