/**
 * Intake → acknowledged latency under open-loop load: `POST /v1/complaints` (a new customer
 * and Idempotency-Key each time) against the in-process API, from each request's scheduled
 * time to its 201. The baseline at the same rates: a bare Temporal update-with-start whose
 * update runs one activity writing one row, answered when the update completes.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { runOpenLoop, type OpenLoopResult } from '../support/open-loop';
import { BENCH_KEYS } from '../support/bench-system';
import { BARE_TASK_QUEUE } from '../baseline/bare-worker';
import { recordRowUpdate } from '../baseline/bare-update-workflow';

export function complaintBody(i: number): Record<string, unknown> {
  return {
    customer: { id: `bench-${randomUUID()}`, name: 'דנה כהן' },
    channel: 'phone',
    category: 'billing',
    summary: `Charged twice (${i})`,
    description: 'Zapłaciłam dwa razy za fakturę 2026/114.',
  };
}

/**
 * The load generator's own connections: node:http with kept-alive sockets. It shares the
 * two cores with what it measures, and `fetch` (undici's WHATWG streams) cost it ~1.5 ms of
 * CPU per request, a quarter of the engine's own; this costs a fraction of that.
 */
const intakeAgent = new Agent({ keepAlive: true, maxSockets: 256 });

export async function fileComplaint(baseUrl: string, i: number): Promise<string> {
  const body = JSON.stringify(complaintBody(i));
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      `${baseUrl}/v1/complaints`,
      {
        method: 'POST',
        agent: intakeAgent,
        headers: {
          authorization: `Bearer ${BENCH_KEYS.intake}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': randomUUID(),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  if (status !== 201) throw new Error(`POST /v1/complaints answered ${status}: ${text.slice(0, 200)}`);
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || !('id' in parsed) || typeof parsed.id !== 'string') {
    throw new Error('201 without an id');
  }
  return parsed.id;
}

/** A complaint answered 201: its id and when the answer arrived (epoch ms, this machine's clock). */
export interface Ack {
  id: string;
  ackedAtMs: number;
}

export interface IntakeRun extends OpenLoopResult {
  acks: Ack[];
}

export async function measureIntake(baseUrl: string, rate: number, seconds: number, label = `intake ${rate}/s for ${seconds}s`): Promise<IntakeRun> {
  const acks: Ack[] = [];
  const result = await runOpenLoop({
    label,
    ratePerSecond: rate,
    durationSeconds: seconds,
    request: async (i) => {
      const id = await fileComplaint(baseUrl, i);
      acks.push({ id, ackedAtMs: Date.now() });
    },
  });
  return { ...result, acks };
}

export async function measureBareUpdateWithStart(temporalAddress: string, rate: number, seconds: number): Promise<OpenLoopResult> {
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const client = new Client({ connection, namespace: 'default' });
    const run = randomUUID().slice(0, 8);
    return await runOpenLoop({
      label: `bare update-with-start ${rate}/s`,
      ratePerSecond: rate,
      durationSeconds: seconds,
      request: async (i) => {
        const id = `bare-${run}-${i}`;
        await client.workflow.executeUpdateWithStart(recordRowUpdate, {
          args: [id],
          startWorkflowOperation: new WithStartWorkflowOperation('bareUpdateWorkflow', {
            workflowId: id,
            taskQueue: BARE_TASK_QUEUE,
            workflowIdConflictPolicy: 'FAIL',
            args: [],
          }),
        });
      },
    });
  } finally {
    await connection.close();
  }
}
