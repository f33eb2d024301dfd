/**
 * What the API's and the worker's Temporal clients and the worker add to every call: the
 * request id always; Temporal's OpenTelemetry interceptors when the process traces. The
 * workflow side is bundled with the workflows: the request id's interceptors in every
 * bundle, the tracing ones in the traced bundle only (scripts/build-workflow-bundle.ts makes
 * both; the worker loads the one that matches whether it traces).
 */
import type { ClientInterceptors } from '@temporalio/client';
import {
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';
import path from 'node:path';
import { repoRoot } from '../../config/src';
import { requestIdActivityInterceptors } from './request-id-activity-interceptors';
import { RequestIdClientInterceptor } from './request-id-client-interceptor';
import type { Tracing } from './tracing';
import { workflowSpanSink } from './workflow-spans';

export function temporalClientInterceptors(tracing: Tracing | undefined): ClientInterceptors {
  return { workflow: [...(tracing ? [new OpenTelemetryWorkflowClientInterceptor()] : []), new RequestIdClientInterceptor()] };
}

/** The workflow interceptor modules of a bundle, as source files (what the bundler reads). */
export function workflowInterceptorModules(traced: boolean): string[] {
  const modules = traced ? ['request-id-interceptors.ts', 'tracing-interceptors.ts'] : ['request-id-interceptors.ts'];
  return modules.map((file) => path.join(repoRoot(), 'workflows', 'interceptors', file));
}

/** Where the traced bundle is, beside the plain one: `dist/workflow-bundle.js` → `dist/workflow-bundle.traced.js`. */
export function tracedWorkflowBundle(bundle: string): string {
  return bundle.replace(/(\.js)?$/, '.traced.js');
}

/** The worker's activity interceptors, and the sinks its workflows' interceptors need. */
export function temporalWorkerInterceptors(tracing: Tracing | undefined): Pick<WorkerOptions, 'sinks'> & { activity: ActivityInterceptorsFactory[] } {
  const traceActivity: ActivityInterceptorsFactory = (context) => ({
    inbound: new OpenTelemetryActivityInboundInterceptor(context),
    outbound: new OpenTelemetryActivityOutboundInterceptor(context),
  });
  return {
    activity: tracing ? [requestIdActivityInterceptors, traceActivity] : [requestIdActivityInterceptors],
    sinks: tracing ? { exporter: workflowSpanSink(tracing) } : {},
  };
}
