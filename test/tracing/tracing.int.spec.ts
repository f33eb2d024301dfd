/**
 * OpenTelemetry traces of the engine, with Node SDK's own instrumentations and Temporal's
 * interceptors, into an in-memory exporter: one case filed over HTTP and moved once (a note)
 * by the real API and worker (traced-round-trip.ts, in a plain Node process of its own:
 * Jest's module registry hides modules from the instrumentations). The command is one trace:
 * the API's HTTP server span, Nest's and pg's spans under it, the Temporal client's update
 * span, the workflow's span handling the update and scheduling the append, the activity's
 * span and its pg spans, each span's parent in the same trace back to the HTTP request.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { repoRoot } from '../../libs/config/src';
import type { SpanRecord } from './traced-round-trip';

function runTracedRoundTrip(): Promise<SpanRecord[]> {
  return new Promise((resolve, reject) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
    const child = spawn(process.execPath, [path.join(repoRoot(), 'test/support/run-typescript.js'), path.join(__dirname, 'traced-round-trip.ts')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('SPANS '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('SPANS '.length)) as SpanRecord[]);
      else reject(new Error(`the traced round trip exited ${code}:\n${output.slice(-4000)}`));
    });
  });
}

let spans: SpanRecord[];

beforeAll(async () => {
  spans = await runTracedRoundTrip();
}, 120_000);

/** The span and its parents in order, as far as the recorded spans go. */
function lineage(span: SpanRecord): SpanRecord[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain = [span];
  for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) chain.push(parent);
  return chain;
}

it('traces a case command as one trace from the HTTP request to the activity’s queries', () => {
  const request = spans.find(
    (s) => s.kind === SpanKind.SERVER && s.scope === '@opentelemetry/instrumentation-http' && Object.values(s.attributes).some((v) => String(v).endsWith('/notes')),
  );
  expect(request).toBeDefined();
  const trace = spans.filter((s) => s.traceId === request!.traceId);
  const named = (prefix: string) => trace.filter((s) => s.name.startsWith(prefix));

  const update = named('StartWorkflowUpdate:addNote');
  const handled = named('HandleUpdate:addNote');
  const scheduled = named('StartActivity:appendComplaintEvents');
  const ran = named('RunActivity:appendComplaintEvents');
  for (const found of [update, handled, scheduled, ran]) expect(found).toHaveLength(1);
  expect(trace.some((s) => s.scope === '@opentelemetry/instrumentation-nestjs-core')).toBe(true);

  // every span of the command descends from the HTTP request, through these links
  for (const span of trace) expect(lineage(span).at(-1)).toBe(request);
  expect(lineage(ran[0]).map((s) => s.name)).toEqual(
    expect.arrayContaining(['RunActivity:appendComplaintEvents', 'StartActivity:appendComplaintEvents', 'HandleUpdate:addNote', 'StartWorkflowUpdate:addNote']),
  );
  // pg: the API's reads in the request, the activity's append under the activity's span
  const queries = trace.filter((s) => s.scope === '@opentelemetry/instrumentation-pg' && s.kind === SpanKind.CLIENT);
  expect(queries.some((q) => !lineage(q).includes(ran[0]))).toBe(true);
  expect(queries.some((q) => lineage(q).includes(ran[0]))).toBe(true);
});
