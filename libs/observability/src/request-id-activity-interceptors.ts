/**
 * Activity interceptors of the worker: an activity runs as part of the request whose id its
 * workflow handed on (the `request-id` header), so the id is in the activity's log
 * attributes (Temporal's activity logger) and in every log line written while it runs
 * (the request context that the worker's pino logger reads).
 */
import type { Context as ActivityContext } from '@temporalio/activity';
import type { ActivityInterceptors } from '@temporalio/worker';
import { REQUEST_ID_ATTRIBUTE, requestIdIn } from '../../../workflows/interceptors/request-id-header';
import { inRequest } from './request-context';

export function requestIdActivityInterceptors(_context: ActivityContext): ActivityInterceptors {
  let requestId: string | undefined;
  return {
    inbound: {
      execute: (input, next) => {
        requestId = requestIdIn(input.headers);
        return inRequest(requestId, () => next(input));
      },
    },
    outbound: {
      getLogAttributes: (input, next) => next(requestId === undefined ? input : { ...input, [REQUEST_ID_ATTRIBUTE]: requestId }),
    },
  };
}
