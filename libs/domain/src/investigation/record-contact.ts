/** A contact with the customer (call, e-mail, meeting, letter); the first one meets or misses the first-contact deadline. */
import { openPromises, type ComplaintState } from '../case/complaint-state';
import {
  CONTACT_KINDS,
  SYSTEM_ACTOR,
  type ContactKind,
  type CustomerContacted,
  type NewEvent,
  type PromiseKept,
} from '../events/complaint-events';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { requireOpen, requireText } from '../commands/case-guards';
import { envelope, type DecisionContext } from '../commands/decision-context';
import { slaDeadline } from '../deadlines/sla-clock';

export interface RecordContact {
  kind: ContactKind;
  summary: string;
}

/** Records the contact; a call also keeps every open call-back promise. */
export function decideRecordContact(
  state: ComplaintState,
  command: RecordContact,
  context: DecisionContext,
): NewEvent[] {
  requireOpen(state);
  if (!(CONTACT_KINDS as readonly string[]).includes(command.kind)) {
    throw new ComplaintRuleError('invalid-command', 'unknown contact kind', [
      { path: 'kind', message: `must be one of ${CONTACT_KINDS.join(', ')}` },
    ]);
  }
  const summary = requireText(command.summary, 'summary', 10_000);
  const firstContact = state.firstContactAt === null;
  const due = state.deadlines ? slaDeadline(state, state.deadlines.firstContactBy, context.calendar) : null;
  const late = firstContact && due !== null && context.now.getTime() > due.getTime();
  const contacted: NewEvent<CustomerContacted> = {
    ...envelope(context),
    type: 'CustomerContacted',
    data: { contactId: context.newId(), kind: command.kind, summary, firstContact, late },
  };
  const kept: NewEvent<PromiseKept>[] =
    command.kind === 'call'
      ? openPromises(state)
          .filter((p) => p.kind === 'callback')
          .map((p) => ({
            ...envelope(context, SYSTEM_ACTOR),
            type: 'PromiseKept',
            data: { promiseId: p.promiseId, dueBy: p.dueBy },
          }))
      : [];
  return [contacted, ...kept];
}
