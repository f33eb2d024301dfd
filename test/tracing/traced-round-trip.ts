/**
 * One case filed over HTTP and moved once (a note), by the real API and worker in this
 * process with tracing on (in-memory-tracing.ts); prints every finished span as one JSON
 * line `SPANS [...]` for tracing.int.spec.ts. Run in a plain Node process
 * (test/support/run-typescript.js), where the instrumentations can hook the modules they
 * trace; against the run's servers (TEST_* variables), its own database and task queue.
 */
import { exporter } from './in-memory-tracing';
import { randomUUID } from 'node:crypto';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createFreshDatabase } from '../support/fresh-database';
import { call, complaintBody, eventually } from '../support/http';
import { startTestSystem } from '../support/test-system';

export interface SpanRecord {
  name: string;
  kind: number;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: ReadableSpan['attributes'];
}

function record(span: ReadableSpan): SpanRecord {
  const { traceId, spanId } = span.spanContext();
  return { name: span.name, kind: span.kind, scope: span.instrumentationScope.name, traceId, spanId, parentSpanId: span.parentSpanContext?.spanId, attributes: span.attributes };
}

const finished = (name: string) => async () => (exporter.getFinishedSpans().some((span) => span.name.startsWith(name)) ? true : undefined);

async function main(): Promise<void> {
  const database = await createFreshDatabase();
  const system = await startTestSystem({ databaseUrl: database.url, taskQueue: `traced-${randomUUID()}` });
  try {
    const filed = await call(system.baseUrl, 'POST', '/v1/complaints', { key: 'intake', body: complaintBody(), headers: { 'idempotency-key': randomUUID() } });
    if (filed.status !== 201) throw new Error(`intake answered ${filed.status}: ${filed.text}`);
    const id = filed.body.id as string;
    const workflow = system.temporal.workflow.getHandle(`complaint-${id}`);
    await eventually(() => workflow.describe().then(() => true), 30_000, 'the relay to start the workflow');
    const noted = await call(system.baseUrl, 'POST', `/v1/complaints/${id}/notes`, { key: 'agent', body: { text: 'Called the bank.' } });
    if (noted.status !== 201) throw new Error(`the note answered ${noted.status}: ${noted.text}`);
    // the workflow's spans arrive through the worker's sink once its task completes
    await eventually(finished('HandleUpdate'), 10_000, 'the update’s workflow span');
    await eventually(finished('RunActivity'), 10_000, 'the activity’s span');
    process.stdout.write(`SPANS ${JSON.stringify(exporter.getFinishedSpans().map(record))}\n`);
  } finally {
    await system.close();
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`traced round trip failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
