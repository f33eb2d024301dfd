/**
 * The Temporal client interceptor of the API and the worker: every start, update (also
 * update-with-start) and signal (also signal-with-start) made as part of a request carries
 * its id in the `request-id` header, and a workflow started so keeps it in its memo
 * (`requestId`, visible in the Temporal UI).
 */
import type {
  Next,
  WorkflowClientInterceptor,
  WorkflowSignalInput,
  WorkflowSignalWithStartInput,
  WorkflowStartInput,
  WorkflowStartOutput,
  WorkflowStartUpdateInput,
  WorkflowStartUpdateOutput,
  WorkflowStartUpdateWithStartInput,
  WorkflowStartUpdateWithStartOutput,
} from '@temporalio/client';
import { REQUEST_ID_ATTRIBUTE, withRequestId } from '../../../workflows/interceptors/request-id-header';
import { currentRequestId } from './request-context';

type CompiledWorkflowOptions = WorkflowStartInput['options'];

function withMemo(options: CompiledWorkflowOptions, requestId: string | undefined): CompiledWorkflowOptions {
  return requestId === undefined ? options : { ...options, memo: { ...options.memo, [REQUEST_ID_ATTRIBUTE]: requestId } };
}

export class RequestIdClientInterceptor implements WorkflowClientInterceptor {
  startWithDetails(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'startWithDetails'>): Promise<WorkflowStartOutput> {
    const requestId = currentRequestId();
    return next({ ...input, headers: withRequestId(input.headers, requestId), options: withMemo(input.options, requestId) });
  }

  startUpdate(input: WorkflowStartUpdateInput, next: Next<WorkflowClientInterceptor, 'startUpdate'>): Promise<WorkflowStartUpdateOutput> {
    return next({ ...input, headers: withRequestId(input.headers, currentRequestId()) });
  }

  startUpdateWithStart(
    input: WorkflowStartUpdateWithStartInput,
    next: Next<WorkflowClientInterceptor, 'startUpdateWithStart'>,
  ): Promise<WorkflowStartUpdateWithStartOutput> {
    const requestId = currentRequestId();
    return next({
      ...input,
      workflowStartHeaders: withRequestId(input.workflowStartHeaders, requestId),
      workflowStartOptions: withMemo(input.workflowStartOptions, requestId),
      updateHeaders: withRequestId(input.updateHeaders, requestId),
    });
  }

  signal(input: WorkflowSignalInput, next: Next<WorkflowClientInterceptor, 'signal'>): Promise<void> {
    return next({ ...input, headers: withRequestId(input.headers, currentRequestId()) });
  }

  signalWithStart(input: WorkflowSignalWithStartInput, next: Next<WorkflowClientInterceptor, 'signalWithStart'>): Promise<string> {
    const requestId = currentRequestId();
    return next({ ...input, headers: withRequestId(input.headers, requestId), options: withMemo(input.options, requestId) });
  }
}
