/**
 * The audit vocabulary: every domain event of a complaint, as a `type`-tagged union.
 * Names are part of the public contract (CONTRACT.md, "Event names"): never rename one
 * that has shipped; add a new schemaVersion and an upcaster instead.
 */
import type { CaseDeadlines, Channel, Closure, CustomerDetails, Severity } from '../case/complaint-values';
import type { CustomerNotice } from '../notices/render-notice';

/** What the customer is told by an event, in their language, when the policy writes notices (absent before 2026-12-02 and without notices). */
export type Notices = { notices?: CustomerNotice[] };

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
    /** an open case of the same customer and category: flagged, never merged automatically */
    possibleDuplicateOf: string | null;
  };
}

export interface ComplaintAcknowledged {
  type: 'ComplaintAcknowledged';
  data: {
    acknowledgedAt: string;
    severity: Severity;
    owner: string;
    deadlines: CaseDeadlines;
  } & Notices;
}

export interface NoteAdded {
  type: 'NoteAdded';
  data: { noteId: string; text: string };
}

/** A person took the case (from its queue, or by a manager's direct assignment to themselves). */
export interface OwnerAssigned {
  type: 'OwnerAssigned';
  data: { owner: string; previousOwner: string };
}

/** A transfer to another person: pending until they accept; the current owner keeps the case meanwhile. */
export interface HandoffRequested {
  type: 'HandoffRequested';
  data: { handoffId: string; from: string; to: string; expiresAt: string; note: string | null };
}

export interface HandoffAccepted {
  type: 'HandoffAccepted';
  data: { handoffId: string; from: string; to: string };
}

/** Nobody accepted in time: the case stays with (returns to) its owner and escalates. */
export interface HandoffExpired {
  type: 'HandoffExpired';
  data: { handoffId: string; to: string; returnedTo: string };
}

export const CONTACT_KINDS = ['call', 'email', 'meeting', 'letter'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface CustomerContacted {
  type: 'CustomerContacted';
  data: {
    contactId: string;
    kind: ContactKind;
    summary: string;
    /** the first contact of the case: it meets (or misses) the first-contact deadline */
    firstContact: boolean;
    /** for the first contact: after the (pause-adjusted) first-contact deadline */
    late: boolean;
  };
}

/** A question to the customer: the internal SLA clock pauses until the answer (the regulatory clock never does). */
export interface InformationRequested {
  type: 'InformationRequested';
  data: { requestId: string; question: string } & Notices;
}

export interface CustomerReplied {
  type: 'CustomerReplied';
  data: {
    messageId: string;
    text: string;
    /** the information request this answers, if one was open */
    requestId: string | null;
    /** working time the SLA clock stood still for that request */
    pausedMs: number;
  };
}

export const PROMISE_KINDS = ['resolution', 'callback'] as const;
export type PromiseKind = (typeof PROMISE_KINDS)[number];

/** A new promise to the customer (the first resolution promise is made by ComplaintAcknowledged). */
export interface ResolutionPromised {
  type: 'ResolutionPromised';
  data: { promiseId: string; kind: PromiseKind; dueBy: string; warnAt: string | null; reason: string } & Notices;
}

export interface PromiseRevised {
  type: 'PromiseRevised';
  data: { promiseId: string; dueBy: string; previousDueBy: string; warnAt: string | null; reason: string } & Notices;
}

export interface PromiseWarning {
  type: 'PromiseWarning';
  data: { promiseId: string; dueBy: string };
}

export interface PromiseKept {
  type: 'PromiseKept';
  data: { promiseId: string; dueBy: string };
}

export interface PromiseBroken {
  type: 'PromiseBroken';
  /** `due`: it fell due unkept; `closed`: the case closed with it unfulfilled */
  data: { promiseId: string; dueBy: string; reason?: 'due' | 'closed' };
}

export const ESCALATION_REASONS = [
  'requested',
  'promise-warning',
  'promise-breached',
  'inactivity',
  'severity',
  'handoff-expired',
  'unassigned',
  'notification-failure',
  'dissatisfied',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/** One level up the policy's ladder; the case goes to that level's queue. */
export interface Escalated {
  type: 'Escalated';
  data: {
    reason: EscalationReason;
    fromLevel: number;
    toLevel: number;
    /** the ladder's role at the new level */
    role: string;
    owner: string;
    previousOwner: string;
    note: string | null;
  };
}

/** The case is closed: confirmed, unconfirmed, withdrawn, or merged into an older case. */
export interface ComplaintClosed {
  type: 'ComplaintClosed';
  data: { closure: Closure; reason: string | null; mergedInto: string | null } & Notices;
}

/** The older case records a newer report of the same complaint that was merged into it. */
export interface ComplaintMerged {
  type: 'ComplaintMerged';
  data: {
    complaintId: string;
    reference: string;
    channel: Channel;
    summary: string;
    description: string;
    receivedAt: string;
  };
}

export const NOTIFICATION_TYPES = [
  'complaint.acknowledged',
  'complaint.promise_changed',
  'complaint.information_requested',
  'complaint.final_response',
  'complaint.satisfaction_requested',
  'complaint.closed',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** One delivery attempt of a webhook to the intake system succeeded (2xx). */
export interface NotificationSent {
  type: 'NotificationSent';
  data: { notificationId: string; notificationType: NotificationType; attempt: number; status: number };
}

/** One delivery attempt failed; it is retried with backoff unless `final`. */
export interface NotificationFailed {
  type: 'NotificationFailed';
  data: {
    notificationId: string;
    notificationType: NotificationType;
    attempt: number;
    status: number | null;
    error: string;
    final: boolean;
  };
}

export const COMPENSATION_TYPES = ['refund', 'credit', 'replacement', 'instalment_plan', 'goodwill'] as const;
export type CompensationType = (typeof COMPENSATION_TYPES)[number];

export interface MoneyAmount {
  /** integer minor units (pence, cents, agorot, grosze) */
  minor: number;
  /** ISO 4217 */
  currency: string;
}

export interface InstalmentSchedule {
  count: number;
  amounts: MoneyAmount[];
  dueDates: string[];
}

/**
 * A compensation proposal. Goodwill is a gesture, recorded apart from the finding of fault
 * (`goodwill: true`); up to the first rung's limit it is approved at once, above it it
 * waits for a decision by the lowest role whose limit covers it.
 */
export interface CompensationProposed {
  type: 'CompensationProposed';
  data: {
    proposalId: string;
    compensationType: CompensationType;
    amount: MoneyAmount;
    rationale: string;
    instalments: InstalmentSchedule | null;
    goodwill: boolean;
    status: 'approved' | 'pending_approval';
    requiredRole: string;
    rung: number;
    approvalDueBy: string | null;
  };
}

export interface CompensationApproved {
  type: 'CompensationApproved';
  data: { proposalId: string; by: string; role: string; reason: string; automatic: boolean };
}

export interface CompensationRejected {
  type: 'CompensationRejected';
  data: { proposalId: string; by: string; role: string; reason: string };
}

/** Nobody at the pending rung decided in time: the approval moves one rung up. */
export interface ApprovalEscalated {
  type: 'ApprovalEscalated';
  data: { proposalId: string; fromRole: string; toRole: string; rung: number; approvalDueBy: string };
}

export const RESOLUTION_OUTCOMES = ['upheld', 'partially_upheld', 'rejected'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];

export interface CorrespondenceProblem {
  code: string;
  path: string;
  message: string;
  excerpt?: string;
}

/** A final response that failed the correspondence checks; nothing was sent. */
export interface CorrespondenceRejected {
  type: 'CorrespondenceRejected';
  data: { attemptId: string; outcome: ResolutionOutcome; problems: CorrespondenceProblem[] };
}

/** With a second reviewer required: the response waits for another person's approval. */
export interface ResolutionProposed {
  type: 'ResolutionProposed';
  data: { resolutionId: string; outcome: ResolutionOutcome; summary: string; responseText: string; rootCause?: string | null };
}

export interface ResolutionReviewed {
  type: 'ResolutionReviewed';
  data: { resolutionId: string; approved: boolean; reason: string };
}

/** The final response went out; the customer is asked to confirm satisfaction by `satisfactionDueBy`. */
export interface ResolutionIssued {
  type: 'ResolutionIssued';
  data: {
    resolutionId: string;
    outcome: ResolutionOutcome;
    summary: string;
    responseText: string;
    reviewedBy: string | null;
    /** resolved within the policy's summaryResolution: a summary resolution letter */
    summaryResolution: boolean;
    satisfactionDueBy: string | null;
    /** the engine's own final response after the last allowed reopen */
    final: boolean;
    /** the policy's root-cause code the case was resolved with (absent before 2026-12-02, null when the policy lists none) */
    rootCause?: string | null;
  } & Notices;
}

export interface SatisfactionConfirmed {
  type: 'SatisfactionConfirmed';
  data: { score: number | null; comment: string | null };
}

export interface SatisfactionDeclined {
  type: 'SatisfactionDeclined';
  data: { score: number | null; comment: string | null };
}

export interface ComplaintReopened {
  type: 'ComplaintReopened';
  data: { reopenCount: number };
}

export interface ComplaintWithdrawn {
  type: 'ComplaintWithdrawn';
  data: { reason: string };
}

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintAcknowledged
  | NoteAdded
  | OwnerAssigned
  | HandoffRequested
  | HandoffAccepted
  | HandoffExpired
  | CustomerContacted
  | InformationRequested
  | CustomerReplied
  | ResolutionPromised
  | PromiseRevised
  | PromiseWarning
  | PromiseKept
  | PromiseBroken
  | Escalated
  | ComplaintClosed
  | ComplaintMerged
  | NotificationSent
  | NotificationFailed
  | CompensationProposed
  | CompensationApproved
  | CompensationRejected
  | ApprovalEscalated
  | CorrespondenceRejected
  | ResolutionProposed
  | ResolutionReviewed
  | ResolutionIssued
  | SatisfactionConfirmed
  | SatisfactionDeclined
  | ComplaintReopened
  | ComplaintWithdrawn;
export type ComplaintEventType = ComplaintEvent['type'];

/** The current schema version of each event type; old versions are upcast on read. */
export const CURRENT_SCHEMA_VERSION: Record<ComplaintEventType, number> = {
  ComplaintReceived: 1,
  ComplaintAcknowledged: 1,
  NoteAdded: 1,
  OwnerAssigned: 1,
  HandoffRequested: 1,
  HandoffAccepted: 1,
  HandoffExpired: 1,
  CustomerContacted: 1,
  InformationRequested: 1,
  CustomerReplied: 1,
  ResolutionPromised: 1,
  PromiseRevised: 1,
  PromiseWarning: 1,
  PromiseKept: 1,
  PromiseBroken: 1,
  Escalated: 1,
  ComplaintClosed: 1,
  ComplaintMerged: 1,
  NotificationSent: 1,
  NotificationFailed: 1,
  CompensationProposed: 1,
  CompensationApproved: 1,
  CompensationRejected: 1,
  ApprovalEscalated: 1,
  CorrespondenceRejected: 1,
  ResolutionProposed: 1,
  ResolutionReviewed: 1,
  ResolutionIssued: 1,
  SatisfactionConfirmed: 1,
  SatisfactionDeclined: 1,
  ComplaintReopened: 1,
  ComplaintWithdrawn: 1,
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
