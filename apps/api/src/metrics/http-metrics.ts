/**
 * Times every HTTP request from arrival to the last byte (or to the client going away),
 * labelled by method, the route's template (`/v1/complaints/{id}`, never the id itself, so
 * the label set stays small; `unmatched` for what no route answered) and status (`aborted`
 * when the client left before the answer ended). Mounted first, so early refusals count too.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ApiMetrics } from './api-metrics';

export function httpMetrics(metrics: ApiMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const end = metrics.httpRequests.startTimer();
    response.once('close', () => {
      const route = (request.route as { path?: string } | undefined)?.path;
      end({
        method: request.method,
        route: route ? route.replace(/:(\w+)/g, '{$1}') : 'unmatched',
        status: response.writableFinished ? String(response.statusCode) : 'aborted',
      });
    });
    next();
  };
}
