/**
 * The request id of the work in progress, for code deeper down than the edge that knows
 * it: the API's Temporal client (an HTTP request's id), the outbox relay (the id of the
 * intake that wrote the row), an activity (the id its workflow handed on) and the log lines
 * of each.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { REQUEST_ID_ATTRIBUTE } from '../../../workflows/interceptors/request-id-header';

const current = new AsyncLocalStorage<string>();

/** Run `work` as part of request `requestId` (as it is when that is undefined). */
export function inRequest<T>(requestId: string | undefined, work: () => T): T {
  return requestId === undefined ? work() : current.run(requestId, work);
}

export function currentRequestId(): string | undefined {
  return current.getStore();
}

/** The fields a log line gets from the request context (pino's `mixin`). */
export function requestIdLogFields(): Record<string, string> {
  const requestId = current.getStore();
  return requestId === undefined ? {} : { [REQUEST_ID_ATTRIBUTE]: requestId };
}
