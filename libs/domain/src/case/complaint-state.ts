/**
 * The state of one complaint, rebuilt by folding its events: `events.reduce(evolve, null)`.
 * The same pure reducer serves the workflow (which decides), the projection (which serves
 * reads) and the auditor's replay (which proves), so the three can never disagree.
 */
import { queueOwner, type CaseDeadlines, type Channel, type Closure, type ComplaintStatus, type CustomerDetails, type Severity } from './complaint-values';
import type {
  Actor,
  CompensationType,
  ComplaintEvent,
  ComplaintMerged,
  ContactKind,
  CorrespondenceProblem,
  EscalationReason,
  InstalmentSchedule,
  MoneyAmount,
  NotificationType,
  PromiseKind,
  ResolutionOutcome,
} from '../events/complaint-events';

export interface CaseNote {
  noteId: string;
  text: string;
  author: string;
  at: string;
}

export interface PendingHandoff {
  handoffId: string;
  from: string;
  to: string;
  requestedAt: string;
  expiresAt: string;
}

export interface CaseContact {
  contactId: string;
  kind: ContactKind;
  summary: string;
  by: string;
  at: string;
  late: boolean;
}

export interface InformationRequest {
  requestId: string;
  question: string;
  askedBy: string;
  askedAt: string;
  answeredAt: string | null;
  pausedMs: number;
}

export interface CustomerMessage {
  messageId: string;
  text: string;
  requestId: string | null;
  at: string;
}

/** One entry of the promise ledger: every promise made to the customer and what became of it. */
export interface CasePromise {
  promiseId: string;
  kind: PromiseKind;
  dueBy: string;
  warnAt: string | null;
  madeAt: string;
  status: 'open' | 'kept' | 'broken';
  warned: boolean;
  revisions: { dueBy: string; previousDueBy: string; reason: string; at: string }[];
}

/** A newer report of the same complaint, as ComplaintMerged recorded it. */
export type MergedReport = ComplaintMerged['data'] & { mergedAt: string };

/** Webhooks to the intake system about this case, and how their delivery went. */
export interface CaseNotification {
  notificationId: string;
  type: NotificationType;
  attempts: number;
  delivered: boolean;
  /** no more attempts will be made */
  abandoned: boolean;
  lastError: string | null;
}

export interface CaseCompensation {
  proposalId: string;
  type: CompensationType;
  amount: MoneyAmount;
  rationale: string;
  instalments: InstalmentSchedule | null;
  /** a goodwill gesture, apart from the finding of fault */
  goodwill: boolean;
  status: 'approved' | 'pending_approval' | 'rejected';
  proposedBy: string;
  proposedAt: string;
  requiredRole: string;
  rung: number;
  approvalDueBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface CaseResolution {
  resolutionId: string;
  outcome: ResolutionOutcome;
  summary: string;
  responseText: string;
  issuedAt: string;
  issuedBy: string;
  reviewedBy: string | null;
  summaryResolution: boolean;
  satisfactionDueBy: string | null;
  final: boolean;
  /** the policy's root-cause code (null: the policy lists none, or it was sent before root causes) */
  rootCause: string | null;
}

export interface PendingResolution {
  resolutionId: string;
  outcome: ResolutionOutcome;
  summary: string;
  responseText: string;
  rootCause?: string | null;
  proposedBy: string;
  proposedAt: string;
}

export interface CaseSatisfaction {
  satisfied: boolean;
  score: number | null;
  comment: string | null;
  at: string;
}

export interface CaseEscalation {
  reason: EscalationReason;
  fromLevel: number;
  toLevel: number;
  role: string;
  owner: string;
  note: string | null;
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
  /** exactly one owner at all times: a queue (`queue:<category>[:<role>]`) or a principal */
  owner: string;
  pendingHandoff: PendingHandoff | null;
  escalationLevel: number;
  escalations: CaseEscalation[];
  deadlines: CaseDeadlines | null;
  /** the internal SLA clock stands still while the case waits on the customer */
  clocks: { slaPausedMs: number; slaPausedSince: string | null };
  contacts: CaseContact[];
  firstContactAt: string | null;
  informationRequests: InformationRequest[];
  customerMessages: CustomerMessage[];
  promises: CasePromise[];
  compensation: CaseCompensation[];
  /** the final responses sent, latest last */
  resolutions: CaseResolution[];
  /** a final response waiting for its second reviewer */
  pendingResolution: PendingResolution | null;
  correspondenceRejections: { attemptId: string; problems: CorrespondenceProblem[]; by: string; at: string }[];
  satisfaction: CaseSatisfaction | null;
  reopenCount: number;
  withdrawalReason: string | null;
  notes: CaseNote[];
  policyVersion: string;
  /** an open case of the same customer and category found at intake */
  possibleDuplicateOf: string | null;
  /** for a case closed as merged: the older case it was merged into */
  mergedInto: string | null;
  /** newer reports of this complaint merged into this case */
  merged: MergedReport[];
  notifications: CaseNotification[];
  /** number of events folded so far */
  version: number;
  /** hash of the last folded event: the head of the stream's chain */
  headHash: string;
  receivedAt: string;
  acknowledgedAt: string | null;
  /** the last time anybody (or an escalation) acted on the case: the inactivity timer counts from it */
  lastActionAt: string;
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

/** The first resolution promise is the one the acknowledgment makes. */
export const FIRST_RESOLUTION_PROMISE = 'resolution-1';

/** Events that are the engine noticing time pass, not somebody acting on the case. */
const NOT_ACTIONS = new Set<ComplaintEvent['type']>([
  'PromiseWarning',
  'PromiseKept',
  'PromiseBroken',
  'NotificationSent',
  'NotificationFailed',
]);

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
      pendingHandoff: null,
      escalationLevel: 0,
      escalations: [],
      deadlines: null,
      clocks: { slaPausedMs: 0, slaPausedSince: null },
      contacts: [],
      firstContactAt: null,
      informationRequests: [],
      customerMessages: [],
      promises: [],
      compensation: [],
      resolutions: [],
      pendingResolution: null,
      correspondenceRejections: [],
      satisfaction: null,
      reopenCount: 0,
      withdrawalReason: null,
      notes: [],
      policyVersion: d.policyVersion,
      possibleDuplicateOf: d.possibleDuplicateOf ?? null,
      mergedInto: null,
      merged: [],
      notifications: [],
      version: 1,
      headHash: event.hash,
      receivedAt: d.receivedAt,
      acknowledgedAt: null,
      lastActionAt: event.occurredAt,
      updatedAt: event.occurredAt,
    };
  }
  if (state === null) throw new InvalidEventSequenceError(`${event.type} before ComplaintReceived`);
  const at = event.occurredAt;
  const next: ComplaintState = {
    ...state,
    version: state.version + 1,
    headHash: event.hash,
    updatedAt: at,
    lastActionAt: NOT_ACTIONS.has(event.type) ? state.lastActionAt : at,
  };
  const investigating = state.status === 'acknowledged' ? 'investigating' : state.status;
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return {
        ...next,
        status: 'acknowledged',
        severity: event.data.severity,
        owner: event.data.owner,
        deadlines: { ...event.data.deadlines },
        acknowledgedAt: event.data.acknowledgedAt,
        promises: [
          {
            promiseId: FIRST_RESOLUTION_PROMISE,
            kind: 'resolution',
            dueBy: event.data.deadlines.promisedResolutionBy,
            warnAt: event.data.deadlines.promiseWarningAt,
            madeAt: event.data.acknowledgedAt,
            status: 'open',
            warned: false,
            revisions: [],
          },
        ],
      };
    case 'NoteAdded':
      return {
        ...next,
        notes: [...state.notes, { noteId: event.data.noteId, text: event.data.text, author: event.actor.principal, at }],
      };
    case 'OwnerAssigned':
      return { ...next, status: investigating, owner: event.data.owner, pendingHandoff: null };
    case 'HandoffRequested':
      return {
        ...next,
        pendingHandoff: {
          handoffId: event.data.handoffId,
          from: event.data.from,
          to: event.data.to,
          requestedAt: at,
          expiresAt: event.data.expiresAt,
        },
      };
    case 'HandoffAccepted':
      return { ...next, status: investigating, owner: event.data.to, pendingHandoff: null };
    case 'HandoffExpired':
      return { ...next, owner: event.data.returnedTo, pendingHandoff: null };
    case 'CustomerContacted':
      return {
        ...next,
        status: investigating,
        firstContactAt: state.firstContactAt ?? at,
        contacts: [
          ...state.contacts,
          {
            contactId: event.data.contactId,
            kind: event.data.kind,
            summary: event.data.summary,
            by: event.actor.principal,
            at,
            late: event.data.late,
          },
        ],
      };
    case 'InformationRequested':
      return {
        ...next,
        status: 'awaiting_customer',
        clocks: { ...state.clocks, slaPausedSince: state.clocks.slaPausedSince ?? at },
        informationRequests: [
          ...state.informationRequests,
          {
            requestId: event.data.requestId,
            question: event.data.question,
            askedBy: event.actor.principal,
            askedAt: at,
            answeredAt: null,
            pausedMs: 0,
          },
        ],
      };
    case 'CustomerReplied': {
      const { requestId, pausedMs } = event.data;
      const message = { messageId: event.data.messageId, text: event.data.text, requestId, at };
      if (requestId === null) return { ...next, customerMessages: [...state.customerMessages, message] };
      return {
        ...next,
        status: state.status === 'awaiting_customer' ? 'investigating' : state.status,
        clocks: { slaPausedMs: state.clocks.slaPausedMs + pausedMs, slaPausedSince: null },
        customerMessages: [...state.customerMessages, message],
        informationRequests: state.informationRequests.map((r) =>
          r.requestId === requestId ? { ...r, answeredAt: at, pausedMs } : r,
        ),
      };
    }
    case 'ResolutionPromised': {
      const promise: CasePromise = {
        promiseId: event.data.promiseId,
        kind: event.data.kind,
        dueBy: event.data.dueBy,
        warnAt: event.data.warnAt,
        madeAt: at,
        status: 'open',
        warned: false,
        revisions: [],
      };
      return {
        ...next,
        promises: [...state.promises, promise],
        deadlines: promise.kind === 'resolution' ? withPromise(state.deadlines, promise) : state.deadlines,
      };
    }
    case 'PromiseRevised': {
      const { promiseId, dueBy, previousDueBy, warnAt, reason } = event.data;
      const promises = state.promises.map((p) =>
        p.promiseId === promiseId
          ? { ...p, dueBy, warnAt, warned: false, revisions: [...p.revisions, { dueBy, previousDueBy, reason, at }] }
          : p,
      );
      const revised = promises.find((p) => p.promiseId === promiseId);
      return {
        ...next,
        promises,
        deadlines: revised?.kind === 'resolution' ? withPromise(state.deadlines, revised) : state.deadlines,
      };
    }
    case 'PromiseWarning':
      return { ...next, promises: updatePromise(state.promises, event.data.promiseId, { warned: true }) };
    case 'PromiseKept':
      return { ...next, promises: updatePromise(state.promises, event.data.promiseId, { status: 'kept' }) };
    case 'PromiseBroken':
      return { ...next, promises: updatePromise(state.promises, event.data.promiseId, { status: 'broken' }) };
    case 'Escalated':
      return {
        ...next,
        status: investigating,
        escalationLevel: event.data.toLevel,
        owner: event.data.owner,
        pendingHandoff: null,
        escalations: [
          ...state.escalations,
          {
            reason: event.data.reason,
            fromLevel: event.data.fromLevel,
            toLevel: event.data.toLevel,
            role: event.data.role,
            owner: event.data.owner,
            note: event.data.note,
            at,
          },
        ],
      };
    case 'ComplaintClosed':
      return {
        ...next,
        status: 'closed',
        closure: event.data.closure,
        mergedInto: event.data.mergedInto,
        pendingHandoff: null,
      };
    case 'ComplaintMerged':
      return { ...next, merged: [...state.merged, { ...event.data, mergedAt: at }] };
    case 'CompensationProposed': {
      const d = event.data;
      const proposal: CaseCompensation = {
        proposalId: d.proposalId,
        type: d.compensationType,
        amount: d.amount,
        rationale: d.rationale,
        instalments: d.instalments,
        goodwill: d.goodwill,
        status: d.status,
        proposedBy: event.actor.principal,
        proposedAt: at,
        requiredRole: d.requiredRole,
        rung: d.rung,
        approvalDueBy: d.approvalDueBy,
        decidedBy: d.status === 'approved' ? event.actor.principal : null,
        decidedAt: d.status === 'approved' ? at : null,
        decisionReason: null,
      };
      return settle({ ...next, status: investigating, compensation: [...state.compensation, proposal] });
    }
    case 'CompensationApproved':
    case 'CompensationRejected': {
      const approved = event.type === 'CompensationApproved';
      const compensation = state.compensation.map((p) =>
        p.proposalId === event.data.proposalId
          ? { ...p, status: approved ? ('approved' as const) : ('rejected' as const), decidedBy: event.data.by, decidedAt: at, decisionReason: event.data.reason }
          : p,
      );
      return settle({ ...next, compensation });
    }
    case 'ApprovalEscalated': {
      const d = event.data;
      const compensation = state.compensation.map((p) =>
        p.proposalId === d.proposalId ? { ...p, requiredRole: d.toRole, rung: d.rung, approvalDueBy: d.approvalDueBy } : p,
      );
      return { ...next, compensation };
    }
    case 'CorrespondenceRejected':
      return {
        ...next,
        correspondenceRejections: [
          ...state.correspondenceRejections,
          { attemptId: event.data.attemptId, problems: event.data.problems, by: event.actor.principal, at },
        ],
      };
    case 'ResolutionProposed':
      return settle({
        ...next,
        status: investigating,
        pendingResolution: { ...event.data, proposedBy: event.actor.principal, proposedAt: at },
      });
    case 'ResolutionReviewed':
      return event.data.approved ? next : settle({ ...next, pendingResolution: null });
    case 'ResolutionIssued': {
      const d = event.data;
      const resolution: CaseResolution = {
        resolutionId: d.resolutionId,
        outcome: d.outcome,
        summary: d.summary,
        responseText: d.responseText,
        issuedAt: at,
        issuedBy: state.pendingResolution?.proposedBy ?? event.actor.principal,
        reviewedBy: d.reviewedBy,
        summaryResolution: d.summaryResolution,
        satisfactionDueBy: d.satisfactionDueBy,
        final: d.final,
        rootCause: d.rootCause ?? null,
      };
      return { ...next, status: 'resolved', pendingResolution: null, resolutions: [...state.resolutions, resolution] };
    }
    case 'SatisfactionConfirmed':
    case 'SatisfactionDeclined':
      return {
        ...next,
        satisfaction: { satisfied: event.type === 'SatisfactionConfirmed', score: event.data.score, comment: event.data.comment, at },
      };
    case 'ComplaintReopened':
      return { ...next, status: 'investigating', reopenCount: event.data.reopenCount };
    case 'ComplaintWithdrawn':
      return { ...next, withdrawalReason: event.data.reason };
    case 'NotificationSent':
    case 'NotificationFailed': {
      const d = event.data;
      const sent = event.type === 'NotificationSent';
      const previous = state.notifications.find((n) => n.notificationId === d.notificationId);
      const updated: CaseNotification = {
        notificationId: d.notificationId,
        type: d.notificationType,
        attempts: Math.max(previous?.attempts ?? 0, d.attempt),
        delivered: (previous?.delivered ?? false) || sent,
        abandoned: !sent && event.data.final,
        lastError: sent ? null : event.data.error,
      };
      return {
        ...next,
        notifications: previous
          ? state.notifications.map((n) => (n.notificationId === d.notificationId ? updated : n))
          : [...state.notifications, updated],
      };
    }
    default:
      return assertNever(event);
  }
}

/** Waiting on an approval (a compensation decision or a second reviewer) while one is pending. */
function settle(state: ComplaintState): ComplaintState {
  if (state.status === 'closed' || state.status === 'resolved') return state;
  const waiting = state.pendingResolution !== null || state.compensation.some((p) => p.status === 'pending_approval');
  if (waiting) return { ...state, status: 'awaiting_approval' };
  if (state.status !== 'awaiting_approval') return state;
  return { ...state, status: state.informationRequests.some((r) => r.answeredAt === null) ? 'awaiting_customer' : 'investigating' };
}

function updatePromise(promises: CasePromise[], promiseId: string, change: Partial<CasePromise>): CasePromise[] {
  return promises.map((p) => (p.promiseId === promiseId ? { ...p, ...change } : p));
}

function withPromise(deadlines: CaseDeadlines | null, promise: CasePromise): CaseDeadlines | null {
  if (!deadlines) return deadlines;
  return { ...deadlines, promisedResolutionBy: promise.dueBy, promiseWarningAt: promise.warnAt ?? promise.dueBy };
}

/** The information request still waiting for the customer's answer, if any. */
export function openInformationRequest(state: ComplaintState): InformationRequest | undefined {
  return state.informationRequests.find((r) => r.answeredAt === null);
}

/** The promises still open (not kept, not broken). */
export function openPromises(state: ComplaintState): CasePromise[] {
  return state.promises.filter((p) => p.status === 'open');
}

/** Whether any promise to the customer has been broken. */
export function isBreached(state: ComplaintState): boolean {
  return state.promises.some((p) => p.status === 'broken');
}

/**
 * Whether a promise to the customer is at risk: still open, and past the policy's warning
 * point (`warningAt` of its time), the moment the engine records PromiseWarning. A closed
 * case is never at risk.
 */
export function isAtRisk(state: ComplaintState): boolean {
  return state.status !== 'closed' && state.promises.some((p) => p.status === 'open' && p.warned);
}

/** Whether a principal (not a queue) owns the case. */
export function ownedByPerson(state: ComplaintState): boolean {
  return !state.owner.startsWith('queue:');
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
