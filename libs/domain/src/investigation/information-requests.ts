/**
 * Listening to the customer: questions asked (the SLA clock pauses), and the customer's
 * words from any channel (an answer to an open question resumes the clock).
 */
import type { ComplaintState } from '../case/complaint-state';
import { openInformationRequest } from '../case/complaint-state';
import type { CustomerReplied, InformationRequested, NewEvent } from '../events/complaint-events';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { requireOpen, requireText } from '../commands/case-guards';
import { envelope, type DecisionContext } from '../commands/decision-context';
import { informationRequestedNotice, noticesField } from '../notices/customer-notices';

export interface RequestInformation {
  question: string;
}

export interface RecordCustomerMessage {
  text: string;
}

export function decideRequestInformation(
  state: ComplaintState,
  command: RequestInformation,
  context: DecisionContext,
): [NewEvent<InformationRequested>] {
  requireOpen(state);
  const question = requireText(command.question, 'question', 10_000);
  const open = openInformationRequest(state);
  if (open) {
    throw new ComplaintRuleError('conflict', `the customer has not yet answered the question asked at ${open.askedAt}`);
  }
  const head = envelope(context);
  const requestId = context.newId();
  const notice = informationRequestedNotice(state, context.policy, head.id, question);
  return [{ ...head, type: 'InformationRequested', data: { requestId, question, ...noticesField(notice) } }];
}

export function decideCustomerMessage(
  state: ComplaintState,
  command: RecordCustomerMessage,
  context: DecisionContext,
): [NewEvent<CustomerReplied>] {
  requireOpen(state);
  const text = requireText(command.text, 'text', 20_000);
  const open = openInformationRequest(state);
  const pausedMs =
    open && state.clocks.slaPausedSince
      ? context.calendar.workingMillisBetween(new Date(state.clocks.slaPausedSince), context.now)
      : 0;
  return [
    {
      ...envelope(context),
      type: 'CustomerReplied',
      data: { messageId: context.newId(), text, requestId: open?.requestId ?? null, pausedMs },
    },
  ];
}
