/**
 * The state of one complaint, rebuilt by folding its events: `events.reduce(evolve, null)`.
 * The same pure reducer serves the workflow (which decides), the projection (which serves
 * reads) and the auditor's replay (which proves), so the three can never disagree.
 */
import { queueOwner, type CaseDeadlines, type Channel, type Closure, type ComplaintStatus, type CustomerDetails, type Severity } from './complaint-values';
import type { Actor, ComplaintEvent } from '../events/complaint-events';

export interface CaseNote {
  noteId: string;
  text: string;
  author: string;
  at: string;
}

export interface ComplaintState {
  id: string;
  reference: string;
  status: ComplaintStatus;
  closure: Closure | null;
  severity: Severity;
  category: string;
  channel: Channel;
  customer: CustomerDetails;
  summary: string;
  description: string;
  desiredOutcome: string | null;
  callbackUrl: string | null;
  filedBy: string;
  owner: string;
  escalationLevel: number;
  deadlines: CaseDeadlines | null;
  clocks: { slaPausedMs: number; slaPausedSince: string | null };
  compensation: unknown[];
  satisfaction: null;
  notes: CaseNote[];
  policyVersion: string;
  /** number of events folded so far */
  version: number;
  /** hash of the last folded event: the head of the stream's chain */
  headHash: string;
  receivedAt: string;
  acknowledgedAt: string | null;
  updatedAt: string;
}

/** What `evolve` needs of an event: the domain event plus its envelope. */
export type EventForFold = ComplaintEvent & { actor: Actor; occurredAt: string; hash: string };

export class InvalidEventSequenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventSequenceError';
  }
}

export function evolve(state: ComplaintState | null, event: EventForFold): ComplaintState {
  if (event.type === 'ComplaintReceived') {
    if (state !== null) throw new InvalidEventSequenceError('ComplaintReceived on an existing case');
    const d = event.data;
    return {
      id: d.complaintId,
      reference: d.reference,
      status: 'received',
      closure: null,
      severity: d.requestedSeverity ?? 'normal',
      category: d.category,
      channel: d.channel,
      customer: d.customer,
      summary: d.summary,
      description: d.description,
      desiredOutcome: d.desiredOutcome,
      callbackUrl: d.callbackUrl,
      filedBy: d.filedBy,
      owner: queueOwner(d.category),
      escalationLevel: 0,
      deadlines: null,
      clocks: { slaPausedMs: 0, slaPausedSince: null },
      compensation: [],
      satisfaction: null,
      notes: [],
      policyVersion: d.policyVersion,
      version: 1,
      headHash: event.hash,
      receivedAt: d.receivedAt,
      acknowledgedAt: null,
      updatedAt: event.occurredAt,
    };
  }
  if (state === null) throw new InvalidEventSequenceError(`${event.type} before ComplaintReceived`);
  const next: ComplaintState = { ...state, version: state.version + 1, headHash: event.hash, updatedAt: event.occurredAt };
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return {
        ...next,
        status: 'acknowledged',
        severity: event.data.severity,
        owner: event.data.owner,
        deadlines: { ...event.data.deadlines },
        acknowledgedAt: event.data.acknowledgedAt,
      };
    case 'NoteAdded':
      return {
        ...next,
        notes: [
          ...state.notes,
          { noteId: event.data.noteId, text: event.data.text, author: event.actor.principal, at: event.occurredAt },
        ],
      };
    default:
      return assertNever(event);
  }
}

/** Fold a whole stream. Throws on an empty stream. */
export function foldEvents(events: readonly EventForFold[]): ComplaintState {
  const state = events.reduce<ComplaintState | null>(evolve, null);
  if (state === null) throw new InvalidEventSequenceError('a case needs at least one event');
  return state;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
