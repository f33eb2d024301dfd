/**
 * OpenTelemetry tracing of a process: the Node SDK with the instrumentations of HTTP,
 * Express, NestJS and pg, exporting where the standard `OTEL_*` variables say
 * (tracing-switch.ts decides whether at all; `OTEL_SERVICE_NAME` names the service, else
 * the process's default). It must start before the modules it instruments are loaded: each
 * app's main.ts imports its tracing.ts first. Temporal's interceptors (temporal-interceptors.ts)
 * add the spans of workflow starts, updates, signals, workflows and activities.
 */
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { detectResources, envDetector, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
// the SDK's own reading of OTEL_TRACES_EXPORTER and the OTLP variables (not in its index)
import { getSpanProcessorsFromEnv } from '@opentelemetry/sdk-node/build/src/utils';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { tracingRequested, type TracingEnvironment } from './tracing-switch';

/** A started tracing pipeline: where finished spans go, and whose they are. */
export interface Tracing {
  readonly spanProcessors: readonly SpanProcessor[];
  readonly resource: Resource;
}

export interface TracingOptions {
  /** the environment the switch reads (default: the process's) */
  env?: TracingEnvironment;
  /** where spans go instead of the exporters the variables name; given, tracing is on (a test's in-memory exporter) */
  spanProcessors?: SpanProcessor[];
}

let started: (Tracing & { sdk: NodeSDK }) | undefined;

/** Start tracing if the environment (or the caller) asks for it; the pipeline, or undefined when off. */
export function startTracing(defaultServiceName: string, options: TracingOptions = {}): Tracing | undefined {
  if (started) return started;
  if (!options.spanProcessors && !tracingRequested(options.env ?? process.env)) return undefined;
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the env detector) win over the default name
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: defaultServiceName }).merge(detectResources({ detectors: [envDetector] }));
  const spanProcessors = options.spanProcessors ?? getSpanProcessorsFromEnv(undefined);
  const sdk = new NodeSDK({
    resource,
    autoDetectResources: false,
    spanProcessors,
    // traces only: no metrics or logs exporters, whatever the SDK's defaults for them
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation(), new NestInstrumentation(), new PgInstrumentation()],
  });
  sdk.start();
  started = { sdk, spanProcessors, resource };
  return started;
}

/** The running pipeline, if this process traces. */
export function activeTracing(): Tracing | undefined {
  return started;
}

/** Flush and stop (on the process's shutdown); tracing is off afterwards. */
export async function stopTracing(): Promise<void> {
  const stopping = started;
  started = undefined;
  await stopping?.sdk.shutdown();
}
