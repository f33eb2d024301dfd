/**
 * Intake: the decision taken inside the API's transaction when a complaint arrives.
 * It acknowledges at once, with the deadlines and the promised resolution date computed
 * from the policy and its business calendar. Everything it needs (ids, clock, policy)
 * comes in as arguments, so the decision is pure and replayable.
 */
import type { Channel, CustomerDetails, Severity } from '../case/complaint-values';
import { queueOwner } from '../case/complaint-values';
import type { Actor, ComplaintAcknowledged, ComplaintReceived, NewEvent } from '../events/complaint-events';
import type { Policy } from '../policy/policy-schema';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { acknowledgmentDeadlines, finalResponseDeadline } from '../deadlines/intake-deadlines';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { acknowledgmentNotice, noticesField } from '../notices/customer-notices';

export interface IntakeCommand {
  customer: CustomerDetails;
  channel: Channel;
  category: string;
  summary: string;
  description: string;
  severity: Severity | null;
  desiredOutcome: string | null;
  /** when the customer complained, if earlier than now (a letter opened today) */
  receivedAt: Date | null;
  callbackUrl: string | null;
}

export interface IntakeContext {
  complaintId: string;
  reference: string;
  now: Date;
  actor: Actor;
  policy: Policy;
  calendar: BusinessCalendar;
  /** ids for the two events, in order */
  eventIds: readonly [string, string];
  /** an open case of the same customer and category, if intake found one */
  possibleDuplicateOf?: string | null;
}

/** How far in the future a client clock may put `receivedAt` before we refuse it. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export function decideIntake(
  command: IntakeCommand,
  context: IntakeContext,
): [NewEvent<ComplaintReceived>, NewEvent<ComplaintAcknowledged>] {
  const { now, policy } = context;
  const receivedAt = command.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) {
    throw new ComplaintRuleError('invalid-command', 'receivedAt lies in the future', [
      { path: 'receivedAt', message: 'must not be later than the time of intake' },
    ]);
  }
  // a complaint whose regulatory deadline has already passed cannot be acknowledged with
  // deadlines that mean anything (and an ancient date is a typing error, not a letter)
  if (finalResponseDeadline(policy, context.calendar, receivedAt).getTime() <= now.getTime()) {
    throw new ComplaintRuleError('invalid-command', 'receivedAt lies before the regulatory final-response period', [
      { path: 'receivedAt', message: `must be recent enough that the regulatory final-response deadline (${policy.regulatory.finalResponse}) has not passed` },
    ]);
  }
  const { severity, deadlines: acknowledgedDeadlines } = acknowledgmentDeadlines(policy, context.calendar, {
    severity: command.severity ?? 'normal',
    category: command.category,
    receivedAt,
  });
  const occurredAt = now.toISOString();
  const notice = acknowledgmentNotice(policy, { reference: context.reference, customer: command.customer }, context.eventIds[1], {
    acknowledgedAt: occurredAt,
    receivedAt: receivedAt.toISOString(),
    deadlines: acknowledgedDeadlines,
  });
  return [
    {
      id: context.eventIds[0],
      type: 'ComplaintReceived',
      actor: context.actor,
      occurredAt,
      data: {
        complaintId: context.complaintId,
        reference: context.reference,
        customer: command.customer,
        channel: command.channel,
        category: command.category,
        summary: command.summary,
        description: command.description,
        requestedSeverity: command.severity,
        desiredOutcome: command.desiredOutcome,
        receivedAt: receivedAt.toISOString(),
        callbackUrl: command.callbackUrl,
        filedBy: context.actor.principal,
        policyVersion: policy.version,
        possibleDuplicateOf: context.possibleDuplicateOf ?? null,
      },
    },
    {
      id: context.eventIds[1],
      type: 'ComplaintAcknowledged',
      actor: { principal: 'system', role: 'system' },
      occurredAt,
      data: {
        acknowledgedAt: occurredAt,
        severity,
        owner: queueOwner(command.category),
        deadlines: acknowledgedDeadlines,
        ...noticesField(notice),
      },
    },
  ];
}
