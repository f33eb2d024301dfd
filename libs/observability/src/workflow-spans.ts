/**
 * The spans of workflows reach this process's span processors through Temporal's `exporter`
 * sink (`makeWorkflowExporter` of @temporalio/interceptors-opentelemetry). That package
 * (1.24) speaks OpenTelemetry JS 1.x: its spans name their parent by `parentSpanId` and
 * their scope `instrumentationLibrary`, where the 2.x SDK here reads `parentSpanContext`
 * and `instrumentationScope`. This sink hands each span on in the 2.x shape.
 */
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Resource } from '@opentelemetry/resources';
import type { Tracing } from './tracing';

type TemporalSpanProcessor = Parameters<typeof makeWorkflowExporter>[0];
type TemporalResource = Parameters<typeof makeWorkflowExporter>[1];
type TemporalSpan = Parameters<TemporalSpanProcessor['onEnd']>[0];

function inSdkShape(span: TemporalSpan, resource: Resource): ReadableSpan {
  const context = span.spanContext();
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => context,
    parentSpanContext: span.parentSpanId ? { traceId: context.traceId, spanId: span.parentSpanId, traceFlags: context.traceFlags } : undefined,
    startTime: span.startTime,
    endTime: span.endTime,
    status: span.status,
    attributes: span.attributes,
    links: span.links,
    events: span.events,
    duration: span.duration,
    ended: span.ended,
    resource,
    instrumentationScope: span.instrumentationLibrary,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** The worker's `exporter` sink: the workflows' spans into `tracing`'s processors. */
export function workflowSpanSink(tracing: Tracing): ReturnType<typeof makeWorkflowExporter> {
  const processor: TemporalSpanProcessor = {
    onStart: () => undefined,
    onEnd: (span) => {
      const converted = inSdkShape(span, tracing.resource);
      for (const next of tracing.spanProcessors) next.onEnd(converted);
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  // the resource Temporal would set is replaced by inSdkShape's
  return makeWorkflowExporter(processor, tracing.resource as unknown as TemporalResource);
}
