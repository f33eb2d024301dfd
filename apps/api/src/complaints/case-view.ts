/** The case as the API shows it: the folded state, minus internals, in the contract's shape. */
import { isAtRisk, isBreached, type ComplaintState, type RecordedEvent } from '../../../../libs/domain/src';

export function toCaseView(state: ComplaintState) {
  return {
    id: state.id,
    reference: state.reference,
    status: state.status,
    closure: state.closure,
    severity: state.severity,
    category: state.category,
    channel: state.channel,
    customer: state.customer,
    summary: state.summary,
    description: state.description,
    desiredOutcome: state.desiredOutcome,
    callbackUrl: state.callbackUrl,
    owner: state.owner,
    pendingHandoff: state.pendingHandoff,
    escalationLevel: state.escalationLevel,
    escalations: state.escalations,
    deadlines: state.deadlines,
    promisedResolutionBy: state.deadlines?.promisedResolutionBy ?? null,
    breached: isBreached(state),
    atRisk: isAtRisk(state),
    promises: state.promises,
    clocks: state.clocks,
    firstContactAt: state.firstContactAt,
    contacts: state.contacts,
    informationRequests: state.informationRequests,
    customerMessages: state.customerMessages,
    compensation: state.compensation,
    // resolutions recorded before root causes existed read as naming none
    resolution: withRootCause(state.resolutions[state.resolutions.length - 1]) ?? null,
    resolutions: state.resolutions.map(withRootCause),
    pendingResolution: state.pendingResolution,
    correspondenceRejections: state.correspondenceRejections,
    satisfaction: state.satisfaction,
    reopenCount: state.reopenCount,
    withdrawalReason: state.withdrawalReason,
    notes: state.notes,
    possibleDuplicateOf: state.possibleDuplicateOf,
    mergedInto: state.mergedInto,
    merged: state.merged,
    notifications: state.notifications,
    policyVersion: state.policyVersion,
    filedBy: state.filedBy,
    version: state.version,
    receivedAt: state.receivedAt,
    acknowledgedAt: state.acknowledgedAt,
    lastActionAt: state.lastActionAt,
    updatedAt: state.updatedAt,
  };
}
export type CaseView = ReturnType<typeof toCaseView>;

export function toEventView(event: RecordedEvent) {
  return {
    position: event.position,
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    data: event.data,
    hash: event.hash,
    previousHash: event.previousHash,
  };
}
export type EventView = ReturnType<typeof toEventView>;

function withRootCause<R extends { rootCause?: string | null } | undefined>(resolution: R): R {
  return resolution && { ...resolution, rootCause: resolution.rootCause ?? null };
}
