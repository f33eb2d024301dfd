/**
 * The report read model: what the reports need of each case, promise and compensation
 * proposal, folded from the recorded events alone (never from the case projection's
 * mutable fields), so an auditor can recompute every figure from the events. The report
 * projector (apps/worker) reads the store in global order and folds each event into these
 * rows with `foldReportEvent`; a rebuild from an empty table folds the same events the
 * same way, so incremental and rebuilt tables are equal.
 *
 * A case's final responses each have a row of their own (a reopened case answers again, with
 * its own outcome and root cause): the root-causes report counts responses, not cases.
 *
 * The team of a case is the queue it was last routed to (`queue:<name>` owners: the
 * category's queue at intake, or one it was handed to); a promise is counted for the owner
 * and team the case had when it was made.
 */
import { FIRST_RESOLUTION_PROMISE } from '../case/complaint-state';
import type { Closure } from '../case/complaint-values';
import type { CompensationType, PromiseKind, RecordedEvent, ResolutionOutcome } from '../events/complaint-events';

export interface ReportCase {
  caseId: string;
  reference: string;
  category: string;
  channel: string;
  segment: string | null;
  language: string | null;
  severity: string | null;
  policyVersion: string;
  receivedAt: string;
  acknowledgedAt: string | null;
  firstContactAt: string | null;
  /** the first final response */
  finalResponseAt: string | null;
  /** the last final response's outcome */
  outcome: ResolutionOutcome | null;
  rootCause: string | null;
  closedAt: string | null;
  closure: Closure | null;
  reopens: number;
  escalations: number;
  owner: string | null;
  team: string | null;
}

export type PromiseStatus = 'open' | 'kept' | 'broken';

export interface ReportPromise {
  caseId: string;
  promiseId: string;
  kind: PromiseKind;
  madeAt: string;
  dueBy: string;
  owner: string | null;
  team: string | null;
  category: string;
  revisions: number;
  status: PromiseStatus;
  settledAt: string | null;
  /** why it was broken: its deadline passed (`due`) or the case closed with it open (`closed`) */
  brokenReason: 'due' | 'closed' | null;
}

export type CompensationStatus = 'pending_approval' | 'approved' | 'rejected';

export interface ReportCompensation {
  caseId: string;
  proposalId: string;
  compensationType: CompensationType;
  currency: string;
  minor: number;
  proposedAt: string;
  status: CompensationStatus;
  decidedAt: string | null;
}

/** One final response (ResolutionIssued): when it went out, how it decided the complaint and why the complaint happened. */
export interface ReportResponse {
  caseId: string;
  resolutionId: string;
  category: string;
  issuedAt: string;
  outcome: ResolutionOutcome;
  /** the policy's root-cause code it named; null when it named none */
  rootCause: string | null;
}

/** The rows a batch of events touches, keyed as the tables are; `changed` names what to write back. */
export interface ReportRows {
  cases: Map<string, ReportCase>;
  promises: Map<string, ReportPromise>;
  compensation: Map<string, ReportCompensation>;
  responses: Map<string, ReportResponse>;
  changed: { cases: Set<string>; promises: Set<string>; compensation: Set<string>; responses: Set<string> };
}

export function emptyReportRows(): ReportRows {
  return {
    cases: new Map(),
    promises: new Map(),
    compensation: new Map(),
    responses: new Map(),
    changed: { cases: new Set(), promises: new Set(), compensation: new Set(), responses: new Set() },
  };
}

export const promiseKey = (caseId: string, promiseId: string): string => `${caseId}/${promiseId}`;
export const compensationKey = (caseId: string, proposalId: string): string => `${caseId}/${proposalId}`;
export const responseKey = (caseId: string, resolutionId: string): string => `${caseId}/${resolutionId}`;

const isQueue = (owner: string) => owner.startsWith('queue:');

function madePromise(row: ReportCase, promiseId: string, kind: PromiseKind, madeAt: string, dueBy: string): ReportPromise {
  return {
    caseId: row.caseId,
    promiseId,
    kind,
    madeAt,
    dueBy,
    owner: row.owner,
    team: row.team,
    category: row.category,
    revisions: 0,
    status: 'open',
    settledAt: null,
    brokenReason: null,
  };
}

/** Fold one recorded event into the rows (those of its case must have been loaded). */
export function foldReportEvent(rows: ReportRows, event: RecordedEvent): void {
  const caseId = event.streamId;
  const at = event.occurredAt;
  if (event.type === 'ComplaintReceived') {
    const d = event.data;
    rows.cases.set(caseId, {
      caseId,
      reference: d.reference,
      category: d.category,
      channel: d.channel,
      segment: d.customer.segment,
      language: d.customer.language,
      severity: d.requestedSeverity,
      policyVersion: d.policyVersion,
      receivedAt: d.receivedAt,
      acknowledgedAt: null,
      firstContactAt: null,
      finalResponseAt: null,
      outcome: null,
      rootCause: null,
      closedAt: null,
      closure: null,
      reopens: 0,
      escalations: 0,
      owner: null,
      team: null,
    });
    rows.changed.cases.add(caseId);
    return;
  }
  const row = rows.cases.get(caseId);
  if (!row) return; // not a complaint stream, or one whose first event this store lacks
  const touch = () => rows.changed.cases.add(caseId);
  const promise = (promiseId: string) => rows.promises.get(promiseKey(caseId, promiseId));
  const setPromise = (p: ReportPromise) => {
    rows.promises.set(promiseKey(caseId, p.promiseId), p);
    rows.changed.promises.add(promiseKey(caseId, p.promiseId));
  };
  const setCompensation = (c: ReportCompensation) => {
    rows.compensation.set(compensationKey(caseId, c.proposalId), c);
    rows.changed.compensation.add(compensationKey(caseId, c.proposalId));
  };
  const own = (owner: string) => {
    row.owner = owner;
    if (isQueue(owner)) row.team = owner;
    touch();
  };
  switch (event.type) {
    case 'ComplaintAcknowledged':
      row.acknowledgedAt = event.data.acknowledgedAt;
      row.severity = event.data.severity;
      own(event.data.owner);
      // the acknowledgment makes the first promise: the promised resolution date
      setPromise(madePromise(row, FIRST_RESOLUTION_PROMISE, 'resolution', event.data.acknowledgedAt, event.data.deadlines.promisedResolutionBy));
      return;
    case 'OwnerAssigned':
      own(event.data.owner);
      return;
    case 'HandoffAccepted':
      own(event.data.to);
      return;
    case 'HandoffExpired':
      own(event.data.returnedTo);
      return;
    case 'Escalated':
      row.escalations += 1;
      own(event.data.owner);
      return;
    case 'CustomerContacted':
      if (row.firstContactAt === null) {
        row.firstContactAt = at;
        touch();
      }
      return;
    case 'ResolutionPromised':
      setPromise(madePromise(row, event.data.promiseId, event.data.kind, at, event.data.dueBy));
      return;
    case 'PromiseRevised': {
      const p = promise(event.data.promiseId);
      if (p) setPromise({ ...p, dueBy: event.data.dueBy, revisions: p.revisions + 1 });
      return;
    }
    case 'PromiseKept': {
      const p = promise(event.data.promiseId);
      if (p) setPromise({ ...p, status: 'kept', settledAt: at });
      return;
    }
    case 'PromiseBroken': {
      const p = promise(event.data.promiseId);
      if (p) setPromise({ ...p, status: 'broken', settledAt: at, brokenReason: event.data.reason ?? 'due' });
      return;
    }
    case 'CompensationProposed': {
      const d = event.data;
      setCompensation({
        caseId,
        proposalId: d.proposalId,
        compensationType: d.compensationType,
        currency: d.amount.currency,
        minor: d.amount.minor,
        proposedAt: at,
        status: d.status,
        decidedAt: d.status === 'approved' ? at : null,
      });
      return;
    }
    case 'CompensationApproved':
    case 'CompensationRejected': {
      const c = rows.compensation.get(compensationKey(caseId, event.data.proposalId));
      if (c) setCompensation({ ...c, status: event.type === 'CompensationApproved' ? 'approved' : 'rejected', decidedAt: at });
      return;
    }
    case 'ResolutionIssued': {
      const d = event.data;
      row.finalResponseAt ??= at;
      row.outcome = d.outcome;
      row.rootCause = d.rootCause ?? row.rootCause;
      touch();
      const key = responseKey(caseId, d.resolutionId);
      rows.responses.set(key, { caseId, resolutionId: d.resolutionId, category: row.category, issuedAt: at, outcome: d.outcome, rootCause: d.rootCause ?? null });
      rows.changed.responses.add(key);
      return;
    }
    case 'ComplaintReopened':
      row.reopens += 1;
      touch();
      return;
    case 'ComplaintClosed':
      row.closedAt = at;
      row.closure = event.data.closure;
      touch();
      return;
    default:
      return;
  }
}
