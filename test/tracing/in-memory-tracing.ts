/**
 * Tracing on, into an exporter in this process's memory: imported first by
 * traced-round-trip.ts, before anything tracing instruments is loaded (as apps' main.ts do).
 */
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../libs/observability/src';

export const exporter = new InMemorySpanExporter();

startTracing('complaints-test', { spanProcessors: [new SimpleSpanProcessor(exporter)] });
