/**
 * The audit vocabulary: every domain event of a complaint, as a `type`-tagged union.
 * Names are part of the public contract (CONTRACT.md, "Event names"): never rename one
 * that has shipped; add a new schemaVersion and an upcaster instead.
 */
import type { CaseDeadlines, Channel, CustomerDetails, Severity } from '../case/complaint-values';

export interface Actor {
  /** principal id, or "system" for decisions the engine takes by itself */
  principal: string;
  role: string;
}

export const SYSTEM_ACTOR: Actor = { principal: 'system', role: 'system' };

export interface ComplaintReceived {
  type: 'ComplaintReceived';
  data: {
    complaintId: string;
    reference: string;
    customer: CustomerDetails;
    channel: Channel;
    category: string;
    summary: string;
    description: string;
    requestedSeverity: Severity | null;
    desiredOutcome: string | null;
    receivedAt: string;
    callbackUrl: string | null;
    filedBy: string;
    policyVersion: string;
  };
}

export interface ComplaintAcknowledged {
  type: 'ComplaintAcknowledged';
  data: {
    acknowledgedAt: string;
    severity: Severity;
    owner: string;
    deadlines: CaseDeadlines;
  };
}

export interface NoteAdded {
  type: 'NoteAdded';
  data: { noteId: string; text: string };
}

export type ComplaintEvent = ComplaintReceived | ComplaintAcknowledged | NoteAdded;
export type ComplaintEventType = ComplaintEvent['type'];

/** The current schema version of each event type; old versions are upcast on read. */
export const CURRENT_SCHEMA_VERSION: Record<ComplaintEventType, number> = {
  ComplaintReceived: 1,
  ComplaintAcknowledged: 1,
  NoteAdded: 1,
};

/** The envelope the store adds to a domain event. */
export interface RecordedEnvelope {
  id: string;
  streamId: string;
  /** 1-based position of the event in its stream (the stream's version after it). */
  position: number;
  schemaVersion: number;
  actor: Actor;
  occurredAt: string;
  recordedAt: string;
  hash: string;
  previousHash: string;
}

/** An event as recorded in the store: the domain event plus its envelope (a tagged union). */
export type RecordedEvent<E extends ComplaintEvent = ComplaintEvent> = E extends ComplaintEvent
  ? RecordedEnvelope & E
  : never;

/** An event that has been decided but not yet recorded. */
export type NewEvent<E extends ComplaintEvent = ComplaintEvent> = E extends ComplaintEvent
  ? { id: string; actor: Actor; occurredAt: string } & E
  : never;
