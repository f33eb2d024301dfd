/**
 * Every API request has an id: the caller's `X-Request-Id` when it is well-formed (1 to 128
 * of `A-Z a-z 0-9 . _ : -`, so it is safe in a log line and a header), else a new UUID. The
 * API answers it in the same header; Temporal carries it on (workflows/interceptors/
 * request-id-header.ts).
 */
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HTTP_HEADER = 'X-Request-Id';

const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED.test(value);
}

/** The request's id: the one the caller sent, if well-formed, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return isWellFormedRequestId(header) ? header : randomUUID();
}
