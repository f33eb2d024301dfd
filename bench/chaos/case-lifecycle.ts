/**
 * One complaint driven through its whole lifecycle over HTTP, as an intake system and an
 * agent's tool would under faults: filed (Idempotency-Key), taken, the customer called, for
 * some a refund within the agent's limit, the final response (with referral rights), the
 * customer's satisfaction — each step after a short pause for thought.
 *
 * Retries are those of a careful client:
 * - intake: any answer but 2xx is sent again with the same Idempotency-Key and body, after
 *   Retry-After when the answer gave one (429, 503), else a growing pause;
 * - a command answered 429 was refused at the door (nothing recorded): sent again after
 *   Retry-After;
 * - a command with any other failure (no answer, 5xx, 4xx) may or may not have been
 *   recorded — a case update the API stopped waiting for may still be carried out once a
 *   worker gets to it — so the case is read first, and the command is sent again, with the
 *   same Idempotency-Key (each step has its own), when the case does not show it: a re-sent
 *   command joins the one still on its way instead of being carried out twice. A step the
 *   case shows counts as done; a case found closed ends the lifecycle (its satisfaction
 *   window may have closed it while the step waited).
 * The record says which steps the driver knows were recorded; the audit counts their events.
 */
import { randomUUID } from 'node:crypto';
import { HEBREW, POLISH } from '../support/case-texts';
import type { ChaosHttp, Reply } from './chaos-http';
import { AGENTS, DIRECTOR, INTAKE, MANAGER, type Principal } from './chaos-keys';

export const STEPS = ['take', 'contact', 'compensation', 'resolution', 'satisfaction'] as const;
export type StepName = (typeof STEPS)[number];

/** The event each step records, once: what the audit counts per case. */
export const STEP_EVENT: Record<StepName, string> = {
  take: 'OwnerAssigned',
  contact: 'CustomerContacted',
  compensation: 'CompensationProposed',
  resolution: 'ResolutionIssued',
  satisfaction: 'SatisfactionConfirmed',
};

/** The agent who works case `index`. */
const agentOf = (index: number) => AGENTS[index % AGENTS.length];

/** Who takes a case at each rung of test-fast.yaml's ladder (agent, manager, director). */
function taker(index: number, level: number): Principal {
  return level === 0 ? agentOf(index) : level === 1 ? MANAGER : DIRECTOR;
}


export interface CaseRecord {
  index: number;
  idempotencyKey: string;
  /** filed by the overload burst */
  burst: boolean;
  /** every distinct case id a 2xx intake answer gave for this key (one, if intake is idempotent) */
  ids: string[];
  /** ms after the load began: the first 2xx intake answer */
  acceptedAt?: number;
  intakeAttempts: number;
  /** the steps the driver knows were recorded: answered 2xx, or found on the case after a failure */
  done: Partial<Record<StepName, 'answered' | 'found'>>;
  /** how the lifecycle ended: the case read closed or its last step answered, or the driver gave up */
  end?: 'closed' | 'gave-up';
  lastError?: string;
}

/** What the driver reads of a case (GET /v1/complaints/{id}, or the case in a command's answer). */
interface CaseView {
  status: string;
  owner: string;
  escalationLevel: number;
  contacts: unknown[];
  compensation: unknown[];
  resolutions: unknown[];
  satisfaction: unknown;
}

function asCaseView(value: unknown): CaseView | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<CaseView>;
  return typeof v.status === 'string' && typeof v.owner === 'string' && typeof v.escalationLevel === 'number' && Array.isArray(v.contacts)
    ? (v as CaseView)
    : undefined;
}

/** The case a command answered with (`{case: …}`), or the answer itself when it is a case. */
function caseIn(body: unknown): CaseView | undefined {
  return asCaseView(typeof body === 'object' && body !== null && 'case' in body ? body.case : body);
}

/** Whether the case shows the step recorded (a take: its events, which keep an OwnerAssigned an escalation has since overtaken). */
function shows(step: StepName, view: CaseView, eventTypes: readonly string[]): boolean {
  switch (step) {
    case 'take':
      return eventTypes.includes(STEP_EVENT.take);
    case 'contact':
      return view.contacts.length > 0;
    case 'compensation':
      return view.compensation.length > 0;
    case 'resolution':
      return view.resolutions.length > 0;
    case 'satisfaction':
      return view.satisfaction !== null && view.satisfaction !== undefined;
  }
}

export interface LifecycleOptions {
  http: ChaosHttp;
  /** where the case's webhooks go (some cases have none) */
  callbackUrl: string;
  /** the longest pause between two steps */
  thinkMs: number;
  /** performance.now() after which the driver gives the case up */
  deadline: number;
}

class GaveUp extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The pause before sending again: at least Retry-After when given, and 0.25 s doubling to
 * 8 s, plus up to as much again at random, so clients refused together do not all come back
 * in the same second.
 */
function pauseMs(reply: Reply, attempt: number): number {
  const backoff = Math.min(8_000, 250 * 2 ** attempt);
  return Math.max(Math.min(reply.retryAfterSeconds ?? 0, 10) * 1_000, backoff) + Math.random() * backoff;
}

export function newCaseRecord(index: number, burst: boolean): CaseRecord {
  return { index, idempotencyKey: randomUUID(), burst, ids: [], intakeAttempts: 0, done: {} };
}

/** The steps of case `index`: a refund in every third case. */
export function stepsOf(index: number): StepName[] {
  return STEPS.filter((step) => step !== 'compensation' || index % 3 === 0);
}

export async function runLifecycle(record: CaseRecord, options: LifecycleOptions): Promise<void> {
  try {
    let view = await file(record, options);
    for (const step of stepsOf(record.index)) {
      await sleep(Math.random() * options.thinkMs);
      const after = await runStep(record, step, view, options);
      if (after === 'closed') break;
      view = after;
    }
    record.end = 'closed';
  } catch (error) {
    if (!(error instanceof GaveUp)) throw error;
    record.end = 'gave-up';
  }
}

function checkDeadline(options: LifecycleOptions): void {
  if (performance.now() > options.deadline) throw new GaveUp();
}

async function file(record: CaseRecord, options: LifecycleOptions): Promise<CaseView> {
  const text = record.index % 2 === 0 ? POLISH : HEBREW;
  const body = {
    customer: { id: `chaos-customer-${record.index}`, ...text.customer },
    channel: text.channel,
    category: 'billing',
    severity: record.index % 8 === 0 ? 'critical' : 'low',
    summary: text.summary,
    description: text.description,
    desiredOutcome: text.desiredOutcome,
    ...(record.index % 4 < 2 ? { callbackUrl: options.callbackUrl } : {}),
  };
  for (let attempt = 0; ; attempt += 1) {
    checkDeadline(options);
    const reply = await options.http.request('intake', 'POST', '/v1/complaints', INTAKE, {
      body,
      headers: { 'idempotency-key': record.idempotencyKey },
      burst: record.burst,
    });
    record.intakeAttempts += 1;
    const view = caseIn(reply.body);
    const id = typeof reply.body === 'object' && reply.body !== null && 'id' in reply.body ? reply.body.id : undefined;
    if ((reply.status === 201 || reply.status === 200) && view && typeof id === 'string') {
      if (!record.ids.includes(id)) record.ids.push(id);
      record.acceptedAt ??= performance.now();
      return view;
    }
    record.lastError = reply.error;
    await sleep(pauseMs(reply, attempt));
  }
}

function send(record: CaseRecord, step: StepName, view: CaseView, http: ChaosHttp): Promise<Reply> {
  const text = record.index % 2 === 0 ? POLISH : HEBREW;
  const post = (route: string, as: Principal, body: unknown) =>
    http.request('command', 'POST', `/v1/complaints/${record.ids[0]}${route}`, as, { body, headers: { 'idempotency-key': `${record.idempotencyKey}:${step}` } });
  const agent = agentOf(record.index);
  switch (step) {
    case 'take': {
      const by = taker(record.index, view.escalationLevel);
      return post('/assignment', by, { to: by.principal });
    }
    case 'contact':
      return post('/contacts', agent, { kind: 'call', summary: text.contact });
    case 'compensation':
      return post('/compensation-proposals', agent, { type: 'refund', amount: { minor: 4_500, currency: 'EUR' }, rationale: text.rationale });
    case 'resolution':
      return post('/resolution', agent, { outcome: 'upheld', summary: text.resolutionSummary, responseText: text.responseText });
    case 'satisfaction':
      return post('/satisfaction', INTAKE, { satisfied: true, score: 9, comment: text.comment });
  }
}

/** GET until a 200 whose body `parse` accepts. */
async function readUntil<T>(record: CaseRecord, route: string, parse: (body: unknown) => T | undefined, options: LifecycleOptions): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    checkDeadline(options);
    const reply = await options.http.request('read', 'GET', route, agentOf(record.index));
    const parsed = reply.status === 200 ? parse(reply.body) : undefined;
    if (parsed !== undefined) return parsed;
    record.lastError = reply.error;
    await sleep(pauseMs(reply, attempt));
  }
}

/** The case, and for a take the types of its events. */
async function read(record: CaseRecord, step: StepName, options: LifecycleOptions): Promise<{ view: CaseView; eventTypes: string[] }> {
  const view = await readUntil(record, `/v1/complaints/${record.ids[0]}`, asCaseView, options);
  if (step !== 'take') return { view, eventTypes: [] };
  const eventTypes = await readUntil(
    record,
    `/v1/complaints/${record.ids[0]}/events`,
    (body) => (Array.isArray(body) ? body.map((event: { type?: unknown }) => String(event.type)) : undefined),
    options,
  );
  return { view, eventTypes };
}

/** One step until the case shows it; the case as last seen, or 'closed' when the case closed before it. */
async function runStep(record: CaseRecord, step: StepName, seen: CaseView, options: LifecycleOptions): Promise<CaseView | 'closed'> {
  let view = seen;
  for (let attempt = 0; ; attempt += 1) {
    if (view.status === 'closed') return 'closed';
    checkDeadline(options);
    const reply = await send(record, step, view, options.http);
    if (reply.status !== null && reply.status >= 200 && reply.status < 300) {
      record.done[step] = 'answered';
      return caseIn(reply.body) ?? view;
    }
    record.lastError = reply.error;
    await sleep(pauseMs(reply, attempt));
    if (reply.status === 429) continue; // refused at the door: nothing was recorded
    // may or may not have been recorded: look at the case before sending it again
    const seen = await read(record, step, options);
    view = seen.view;
    if (shows(step, view, seen.eventTypes)) {
      record.done[step] = 'found';
      return view;
    }
  }
}
