/**
 * Workflow interceptors (bundled with the workflows: scripts/build-workflow-bundle.ts) that
 * keep the request id of whatever the workflow is doing: the start's for the workflow's own
 * run (its timers; the SDK's own lines before the run, from the start's memo), each update's
 * or signal's while it is handled. That id is in the
 * attributes of every workflow log line and in the headers of the activities scheduled and
 * of a continued run. Only context and headers: no command is added, removed or delayed,
 * so histories replay the same with or without them.
 */
import {
  AsyncLocalStorage,
  type ActivityInput,
  type ContinueAsNewInput,
  type GetLogAttributesInput,
  type Next,
  type SignalInput,
  type UpdateInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptorsFactory,
  type WorkflowOutboundCallsInterceptor,
  workflowInfo,
} from '@temporalio/workflow';
import { REQUEST_ID_ATTRIBUTE, requestIdIn, withRequestId } from './request-id-header';

/** The request id of the work in progress in one workflow. */
const newCurrent = () => new AsyncLocalStorage<string | undefined>();
type Current = ReturnType<typeof newCurrent>;

class RequestIdInbound implements WorkflowInboundCallsInterceptor {
  constructor(private readonly current: Current) {}

  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    return this.current.run(requestIdIn(input.headers), () => next(input));
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    return this.current.run(requestIdIn(input.headers), () => next(input));
  }

  validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    this.current.run(requestIdIn(input.headers), () => next(input));
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>): Promise<void> {
    return this.current.run(requestIdIn(input.headers), () => next(input));
  }
}

/** The request the workflow was started for, as its memo names it (client side: libs/observability). */
function startedFor(): string | undefined {
  const requestId = workflowInfo().memo?.[REQUEST_ID_ATTRIBUTE];
  return typeof requestId === 'string' ? requestId : undefined;
}

class RequestIdOutbound implements WorkflowOutboundCallsInterceptor {
  constructor(private readonly current: Current) {}

  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>): Promise<unknown> {
    return next({ ...input, headers: withRequestId(input.headers, this.current.getStore()) });
  }

  continueAsNew(input: ContinueAsNewInput, next: Next<WorkflowOutboundCallsInterceptor, 'continueAsNew'>): Promise<never> {
    return next({ ...input, headers: withRequestId(input.headers, this.current.getStore()) });
  }

  getLogAttributes(input: GetLogAttributesInput, next: Next<WorkflowOutboundCallsInterceptor, 'getLogAttributes'>): Record<string, unknown> {
    const requestId = this.current.getStore() ?? startedFor();
    return next(requestId === undefined ? input : { ...input, [REQUEST_ID_ATTRIBUTE]: requestId });
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => {
  const current = newCurrent();
  return { inbound: [new RequestIdInbound(current)], outbound: [new RequestIdOutbound(current)] };
};
