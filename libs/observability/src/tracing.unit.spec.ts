/** With tracing off (no OTEL_* variable), nothing of OpenTelemetry is set up. */
import { trace } from '@opentelemetry/api';
import path from 'node:path';
import { temporalClientInterceptors, temporalWorkerInterceptors, workflowInterceptorModules } from './temporal-interceptors';
import { activeTracing, startTracing } from './tracing';

it('sets nothing up without the OTEL_* variables: no SDK, no span, only the request id’s interceptors', () => {
  expect(startTracing('complaints-test', { env: {} })).toBeUndefined();
  expect(activeTracing()).toBeUndefined();
  expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);

  const client = temporalClientInterceptors(undefined).workflow as object[];
  expect(client.map((interceptor) => interceptor.constructor.name)).toEqual(['RequestIdClientInterceptor']);
  const worker = temporalWorkerInterceptors(undefined);
  expect(worker.activity.map((factory) => factory.name)).toEqual(['requestIdActivityInterceptors']);
  expect(worker.sinks).toEqual({});
  expect(workflowInterceptorModules(false).map((file) => path.basename(file))).toEqual(['request-id-interceptors.ts']);
});
