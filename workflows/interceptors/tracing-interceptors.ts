/**
 * Temporal's OpenTelemetry workflow interceptors (spans for the run, each update and signal,
 * each activity scheduled; exported through the worker's `exporter` sink), in the traced
 * workflow bundle only (scripts/build-workflow-bundle.ts), so with tracing off no span is
 * made in the sandbox and no sink is called.
 *
 * Their span ids come from Math.random, which in a workflow is the workflow's own seeded
 * stream, the one `uuid4()` draws the case's event ids from: run as they are, they would
 * change every event id drawn after a span, so the same history would decide other ids
 * with tracing on than off. Every one of their methods runs on a named stream of its own
 * instead (`WorkflowRandomStream.with`; the workflow code they call through `next` is back
 * on the workflow's stream), so the decisions are the same with and without tracing.
 */
import { getRandomStream, type WorkflowInterceptors, type WorkflowRandomStream } from '@temporalio/workflow';
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow';

const SPAN_ID_STREAM = 'opentelemetry-span-ids';

/** `interceptor` with each of its methods run on `stream`. */
function onStream<T extends object>(stream: WorkflowRandomStream, interceptor: T): T {
  return new Proxy(interceptor, {
    get(target, key) {
      const member: unknown = Reflect.get(target, key);
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => stream.with(() => member.apply(target, args));
    },
  });
}

export function interceptors(): WorkflowInterceptors {
  const stream = getRandomStream(SPAN_ID_STREAM);
  return stream.with(() => ({
    inbound: [onStream(stream, new OpenTelemetryInboundInterceptor())],
    outbound: [onStream(stream, new OpenTelemetryOutboundInterceptor())],
    internals: [new OpenTelemetryInternalsInterceptor()],
  }));
}
