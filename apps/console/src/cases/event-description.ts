/**
 * Every event of the audit vocabulary as one sentence in the viewer's language, plus the
 * words it carries (a note, the customer's reply, a response) shown apart, as written.
 * Types this console does not know yet read as "<type> recorded".
 */
import type { ComplaintEvent } from '../../../../libs/domain/src';
import type { EventView } from '../api/types';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import { useLabel, useOwnerName } from './case-labels';

export interface EventDescription {
  sentence: string;
  /** free text recorded with the event, in whatever language it was written */
  words?: string | null;
}

/** The domain's events, plus those the contract names that the domain union does not carry yet. */
type DescribedEvent = ComplaintEvent | { type: 'PersonalDataErased'; data: Record<string, unknown> };

export function useDescribeEvent(): (event: EventView) => EventDescription {
  const t = useT();
  const format = useFormat();
  const label = useLabel();
  const owner = useOwnerName();

  return (view) => {
    const event = { type: view.type, data: view.data } as DescribedEvent;
    switch (event.type) {
      case 'ComplaintReceived':
        return {
          sentence: t('event.ComplaintReceived', { channel: label('channel', event.data.channel), category: event.data.category, reference: event.data.reference }),
          words: event.data.summary,
        };
      case 'ComplaintAcknowledged':
        return {
          sentence: t('event.ComplaintAcknowledged', {
            severity: label('severity', event.data.severity),
            owner: owner(event.data.owner),
            dueBy: format.dateTime(event.data.deadlines.promisedResolutionBy),
          }),
        };
      case 'OwnerAssigned':
        return { sentence: t('event.OwnerAssigned', { owner: owner(event.data.owner), previousOwner: owner(event.data.previousOwner) }) };
      case 'HandoffRequested':
        return {
          sentence: t('event.HandoffRequested', { from: owner(event.data.from), to: owner(event.data.to), expiresAt: format.dateTime(event.data.expiresAt) }),
          words: event.data.note,
        };
      case 'HandoffAccepted':
        return { sentence: t('event.HandoffAccepted', { from: owner(event.data.from), to: owner(event.data.to) }) };
      case 'HandoffExpired':
        return { sentence: t('event.HandoffExpired', { to: owner(event.data.to), returnedTo: owner(event.data.returnedTo) }) };
      case 'CustomerContacted':
        return {
          sentence: t('event.CustomerContacted', {
            kind: label('contactKind', event.data.kind),
            first: event.data.firstContact ? (event.data.late ? 'late' : 'yes') : 'no',
          }),
          words: event.data.summary,
        };
      case 'NoteAdded':
        return { sentence: t('event.NoteAdded'), words: event.data.text };
      case 'InformationRequested':
        return { sentence: t('event.InformationRequested'), words: event.data.question };
      case 'CustomerReplied':
        return {
          sentence: t('event.CustomerReplied', { answered: event.data.requestId ? 'yes' : 'no', paused: format.duration(event.data.pausedMs) }),
          words: event.data.text,
        };
      case 'ResolutionPromised':
        return { sentence: t('event.ResolutionPromised', { kind: event.data.kind, dueBy: format.dateTime(event.data.dueBy) }), words: event.data.reason };
      case 'PromiseRevised':
        return {
          sentence: t('event.PromiseRevised', { previousDueBy: format.dateTime(event.data.previousDueBy), dueBy: format.dateTime(event.data.dueBy) }),
          words: event.data.reason,
        };
      case 'PromiseWarning':
        return { sentence: t('event.PromiseWarning', { dueBy: format.dateTime(event.data.dueBy) }) };
      case 'PromiseKept':
        return { sentence: t('event.PromiseKept', { dueBy: format.dateTime(event.data.dueBy) }) };
      case 'PromiseBroken':
        return { sentence: t('event.PromiseBroken', { dueBy: format.dateTime(event.data.dueBy), reason: event.data.reason ?? 'due' }) };
      case 'Escalated':
        return {
          sentence: t('event.Escalated', {
            fromLevel: event.data.fromLevel,
            toLevel: event.data.toLevel,
            role: event.data.role,
            reason: label('escalationReason', event.data.reason),
            owner: owner(event.data.owner),
          }),
          words: event.data.note,
        };
      case 'ComplaintClosed':
        return { sentence: t('event.ComplaintClosed', { closure: label('closure', event.data.closure) }), words: event.data.reason };
      case 'ComplaintMerged':
        return { sentence: t('event.ComplaintMerged', { reference: event.data.reference, channel: label('channel', event.data.channel) }), words: event.data.summary };
      case 'NotificationSent':
        return {
          sentence: t('event.NotificationSent', { notification: label('notificationType', event.data.notificationType), attempt: event.data.attempt, status: event.data.status }),
        };
      case 'NotificationFailed':
        return {
          sentence: t('event.NotificationFailed', {
            notification: label('notificationType', event.data.notificationType),
            attempt: event.data.attempt,
            final: event.data.final ? 'yes' : 'no',
          }),
          words: event.data.error,
        };
      case 'CompensationProposed':
        return {
          sentence: t('event.CompensationProposed', {
            type: label('compensationType', event.data.compensationType),
            amount: format.money(event.data.amount),
            status: event.data.status,
            requiredRole: event.data.requiredRole,
          }),
          words: event.data.rationale,
        };
      case 'CompensationApproved':
        return { sentence: t('event.CompensationApproved', { by: owner(event.data.by), automatic: event.data.automatic ? 'yes' : 'no' }), words: event.data.reason };
      case 'CompensationRejected':
        return { sentence: t('event.CompensationRejected', { by: owner(event.data.by) }), words: event.data.reason };
      case 'ApprovalEscalated':
        return {
          sentence: t('event.ApprovalEscalated', { fromRole: event.data.fromRole, toRole: event.data.toRole, dueBy: format.dateTime(event.data.approvalDueBy) }),
        };
      case 'CorrespondenceRejected':
        return {
          sentence: t('event.CorrespondenceRejected', { outcome: label('outcome', event.data.outcome), count: event.data.problems.length }),
          words: event.data.problems.map((problem) => problem.message).join('\n'),
        };
      case 'ResolutionProposed':
        return { sentence: t('event.ResolutionProposed', { outcome: label('outcome', event.data.outcome) }), words: event.data.summary };
      case 'ResolutionReviewed':
        return { sentence: t('event.ResolutionReviewed', { approved: event.data.approved ? 'yes' : 'no' }), words: event.data.reason };
      case 'ResolutionIssued':
        return { sentence: t('event.ResolutionIssued', { outcome: label('outcome', event.data.outcome), final: event.data.final ? 'yes' : 'no' }), words: event.data.summary };
      case 'SatisfactionConfirmed':
        return { sentence: t('event.SatisfactionConfirmed', { score: event.data.score ?? 'none' }), words: event.data.comment };
      case 'SatisfactionDeclined':
        return { sentence: t('event.SatisfactionDeclined', { score: event.data.score ?? 'none' }), words: event.data.comment };
      case 'ComplaintReopened':
        return { sentence: t('event.ComplaintReopened', { count: event.data.reopenCount }) };
      case 'ComplaintWithdrawn':
        return { sentence: t('event.ComplaintWithdrawn'), words: event.data.reason };
      case 'PersonalDataErased':
        return { sentence: t('event.PersonalDataErased') };
      default:
        return { sentence: t('event.other', { type: view.type }) };
    }
  };
}
