/**
 * Every request gets its id (libs/observability: the caller's `X-Request-Id` if well-formed,
 * else a new one) before anything else runs, so every answer carries it in `X-Request-Id`,
 * the earliest refusals too, and pino-http logs it (it takes `req.id` when set). From the
 * routes on, it is the request context's (Temporal calls and the log lines carry it); that
 * context starts after the body is read, as body parsing does not keep async context.
 */
import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HTTP_HEADER, inRequest, requestIdFrom } from '../../../../libs/observability/src';

export function assignRequestId(request: Request, response: Response, next: NextFunction): void {
  const requestId = requestIdFrom(request.headers[REQUEST_ID_HTTP_HEADER.toLowerCase()]);
  (request as Request & { id: string }).id = requestId;
  response.setHeader(REQUEST_ID_HTTP_HEADER, requestId);
  next();
}

export function keepRequestContext(request: Request, _response: Response, next: NextFunction): void {
  inRequest((request as Request & { id?: string }).id, next);
}
