/**
 * How a request id travels through Temporal: in a `request-id` header of every start,
 * update, signal and scheduled activity, as a JSON string payload, and under `requestId`
 * in log attributes and in a started workflow's memo. Shared, like the workflows' messages,
 * by the sandbox (workflow interceptors) and by the clients and activities outside it.
 */
import { defaultPayloadConverter, type Headers } from '@temporalio/common';

export const REQUEST_ID_HEADER = 'request-id';

/** The name of the request id in log attributes, log lines and the workflow memo. */
export const REQUEST_ID_ATTRIBUTE = 'requestId';

export function withRequestId(headers: Headers, requestId: string | undefined): Headers {
  return requestId === undefined ? headers : { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

export function requestIdIn(headers: Headers): string | undefined {
  const payload = headers[REQUEST_ID_HEADER];
  if (payload === undefined) return undefined;
  const value: unknown = defaultPayloadConverter.fromPayload(payload);
  return typeof value === 'string' ? value : undefined;
}
