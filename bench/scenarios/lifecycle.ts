/**
 * Full lifecycle throughput: complaints driven through the API from intake to `closed`, with
 * `concurrency` cases in flight (closed loop: each lane starts its next case when the last
 * one is closed), under the seconds-scale test policy. One lifecycle is the CONTRACT's happy
 * path, six commands and a read:
 *   1. POST /v1/complaints                        intake files it (Idempotency-Key)     201
 *   2. POST …/assignment {to: bench-agent}        the agent takes it                    200
 *   3. POST …/contacts {kind: call}               the agent calls the customer          201
 *   4. POST …/compensation-proposals (EUR 45.00)  a refund within the agent's limit     201 approved
 *   5. POST …/resolution (upheld)                 the final response, with the          201 resolved
 *                                                 customer's referral rights
 *   6. POST …/satisfaction {satisfied: true}      intake relays the customer's answer   200 closed
 *   7. GET  …/{id}                                the case reads closed (polled if not yet)
 * Every deadline of the policy is seconds away but none is waited for: the case is
 * filed with severity `low` (first contact PT40S, inactivity PT45S, resolution PT90S) and
 * each step follows the previous one at once; the satisfaction window (PT20S) is closed by
 * the customer's answer.
 *
 * Activities per case: the ActivityTaskScheduled events in a closed case's workflow
 * history (each one an append of the events an action decided).
 *
 * The baseline: as many cases at the same concurrency, each a bare workflow on the bare
 * worker running that many activities one after another, each writing one row, started
 * and awaited with `client.workflow.execute`.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { complaintWorkflowId } from '../../workflows/complaint/messages';
import type { bareLifecycleWorkflow } from '../baseline/bare-lifecycle-workflow';
import { BARE_TASK_QUEUE } from '../baseline/bare-worker';
import { BENCH_KEYS } from '../support/bench-system';
import { HEBREW, POLISH } from '../support/case-texts';
import { startProgress } from '../support/progress';

export interface LifecycleFigures {
  cases: number;
  concurrency: number;
  /** from the first case's first request to the last case reading closed */
  seconds: number;
  /** cases closed per second (failed cases are not counted) */
  casesPerSecond: number;
  errors: number;
  firstError?: string;
  activitiesPerCase: number;
  /** HTTP requests per closed case (the engine only) */
  requestsPerCase?: number;
}

type KeyName = keyof typeof BENCH_KEYS;

/** The principal behind BENCH_KEYS.agent (bench-system.ts): takes each case itself. */
const AGENT = 'bench-agent';
const CLOSED_WAIT_MS = 10_000;

interface Reply {
  status: number;
  body: unknown;
  text: string;
}

async function request(baseUrl: string, method: 'GET' | 'POST', route: string, key: KeyName, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${BENCH_KEYS[key]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined;
}

/** The case's status in a command reply (`{case: …}`) or a GET (the case itself). */
function statusOf(body: unknown): unknown {
  return field(field(body, 'case') ?? body, 'status');
}

function expectStatus(step: string, reply: Reply, status: number): void {
  if (reply.status !== status) throw new Error(`${step} answered ${reply.status} (expected ${status}): ${reply.text.slice(0, 300)}`);
}

/** One lifecycle, intake to closed; the number of HTTP requests it took, and the case id. */
async function runCase(baseUrl: string, i: number): Promise<{ id: string; requests: number }> {
  const t = i % 2 === 0 ? POLISH : HEBREW;
  const filed = await request(
    baseUrl,
    'POST',
    '/v1/complaints',
    'intake',
    {
      customer: { id: `bench-life-${randomUUID()}`, ...t.customer },
      channel: t.channel,
      category: 'billing',
      severity: 'low',
      summary: t.summary,
      description: t.description,
      desiredOutcome: t.desiredOutcome,
    },
    { 'idempotency-key': randomUUID() },
  );
  expectStatus('POST /v1/complaints', filed, 201);
  const id = field(filed.body, 'id');
  if (typeof id !== 'string') throw new Error('POST /v1/complaints: 201 without an id');
  const on = (route: string) => `/v1/complaints/${id}${route}`;

  expectStatus('assignment', await request(baseUrl, 'POST', on('/assignment'), 'agent', { to: AGENT }), 200);
  expectStatus('contact', await request(baseUrl, 'POST', on('/contacts'), 'agent', { kind: 'call', summary: t.contact }), 201);
  const proposed = await request(baseUrl, 'POST', on('/compensation-proposals'), 'agent', {
    type: 'refund',
    amount: { minor: 4_500, currency: 'EUR' },
    rationale: t.rationale,
  });
  expectStatus('compensation proposal', proposed, 201);
  if (field(proposed.body, 'status') !== 'approved') throw new Error(`compensation proposal not approved at once: ${proposed.text.slice(0, 300)}`);
  const resolved = await request(baseUrl, 'POST', on('/resolution'), 'agent', {
    outcome: 'upheld',
    summary: t.resolutionSummary,
    responseText: t.responseText,
  });
  expectStatus('resolution', resolved, 201);
  if (statusOf(resolved.body) !== 'resolved') throw new Error(`after the resolution the case is ${String(statusOf(resolved.body))}, not resolved`);
  const answered = await request(baseUrl, 'POST', on('/satisfaction'), 'intake', { satisfied: true, score: 9, comment: t.comment });
  expectStatus('satisfaction', answered, 200);

  let requests = 6;
  const deadline = Date.now() + CLOSED_WAIT_MS;
  for (;;) {
    const read = await request(baseUrl, 'GET', on(''), 'agent');
    requests += 1;
    expectStatus('GET /v1/complaints/{id}', read, 200);
    if (statusOf(read.body) === 'closed') {
      const closure = field(read.body, 'closure');
      if (closure !== 'confirmed') throw new Error(`case ${id} closed ${String(closure)}, not confirmed`);
      return { id, requests };
    }
    if (Date.now() > deadline) throw new Error(`case ${id} still ${String(statusOf(read.body))} ${CLOSED_WAIT_MS} ms after the customer's answer`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface LaneRun {
  seconds: number;
  done: number;
  errors: number;
  firstError?: string;
}

/** `cases` runs of `one`, `concurrency` at a time, each lane starting its next when the last ends. */
function figuresOf(run: LaneRun, cases: number, concurrency: number, activitiesPerCase: number): LifecycleFigures {
  return {
    cases,
    concurrency,
    seconds: run.seconds,
    casesPerSecond: run.done / run.seconds,
    errors: run.errors,
    ...(run.firstError === undefined ? {} : { firstError: run.firstError }),
    activitiesPerCase,
  };
}

async function closedLoop(label: string, cases: number, concurrency: number, one: (i: number) => Promise<void>): Promise<LaneRun> {
  const progress = startProgress(label, cases);
  let next = 0;
  let finished = 0;
  let done = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const lane = async () => {
    while (next < cases) {
      const i = next++;
      try {
        await one(i);
        done += 1;
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      progress.update(++finished);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, cases)) }, lane));
  const seconds = (performance.now() - started) / 1000;
  progress.stop();
  return { seconds, done, errors, ...(firstError === undefined ? {} : { firstError }) };
}

/** Activity executions scheduled in a workflow's history (its latest run). */
async function activitiesScheduled(client: Client, workflowId: string): Promise<number> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((event) => event.activityTaskScheduledEventAttributes != null).length;
}

/** Cases whose histories are read for the activity count. */
const SAMPLED_CASES = 3;

export async function measureLifecycle(baseUrl: string, temporalAddress: string, cases: number, concurrency: number): Promise<LifecycleFigures> {
  const closed: string[] = [];
  let requests = 0;
  const run = await closedLoop(`lifecycle x${cases} (${concurrency} in flight)`, cases, concurrency, async (i) => {
    const result = await runCase(baseUrl, i);
    closed.push(result.id);
    requests += result.requests;
  });
  if (closed.length === 0) throw new Error(`no case reached closed: ${run.firstError ?? '?'}`);

  const connection = await Connection.connect({ address: temporalAddress });
  let counts: number[];
  try {
    const client = new Client({ connection, namespace: 'default' });
    counts = [];
    for (const id of closed.slice(0, SAMPLED_CASES)) counts.push(await activitiesScheduled(client, complaintWorkflowId(id)));
  } finally {
    await connection.close();
  }
  // the lifecycle's own activities; more in a case means a deadline fired in it
  const activitiesPerCase = Math.min(...counts);
  if (counts.some((c) => c !== activitiesPerCase)) {
    process.stderr.write(`lifecycle: activities per case differ between cases (${counts.join(', ')}): a deadline fired?\n`);
  }
  return { ...figuresOf(run, cases, concurrency, activitiesPerCase), requestsPerCase: requests / closed.length };
}

export async function measureBareLifecycle(temporalAddress: string, activitiesPerCase: number, cases: number, concurrency: number): Promise<LifecycleFigures> {
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const runId = randomUUID().slice(0, 8);
    const run = await closedLoop(`bare lifecycle x${cases} (${activitiesPerCase} activities)`, cases, concurrency, async (i) => {
      const workflowId = `bare-lifecycle-${runId}-${i}`;
      await client.workflow.execute<typeof bareLifecycleWorkflow>('bareLifecycleWorkflow', {
        workflowId,
        taskQueue: BARE_TASK_QUEUE,
        args: [workflowId, activitiesPerCase],
      });
    });
    return figuresOf(run, cases, concurrency, activitiesPerCase);
  } finally {
    await connection.close();
  }
}
