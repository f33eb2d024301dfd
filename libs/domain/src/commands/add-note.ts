/** An internal note on a case: recorded for the team and the auditors, never sent. */
import type { ComplaintState } from '../case/complaint-state';
import type { Actor, NewEvent, NoteAdded } from '../events/complaint-events';
import { ComplaintRuleError } from '../errors/complaint-rule-error';

export interface AddNote {
  text: string;
}

export const MAX_NOTE_LENGTH = 20_000;

/** Refuses a note the case cannot take; used by the workflow's update validator. */
export function validateAddNote(state: ComplaintState, command: AddNote): void {
  if (state.status === 'closed') {
    throw new ComplaintRuleError('case-closed', `case ${state.reference} is closed (${state.closure})`);
  }
  const text = typeof command.text === 'string' ? command.text.trim() : '';
  if (text.length === 0) {
    throw new ComplaintRuleError('invalid-command', 'a note needs text', [{ path: 'text', message: 'must not be empty' }]);
  }
  if (command.text.length > MAX_NOTE_LENGTH) {
    throw new ComplaintRuleError('invalid-command', 'the note is too long', [
      { path: 'text', message: `must be at most ${MAX_NOTE_LENGTH} characters` },
    ]);
  }
}

export function decideAddNote(
  state: ComplaintState,
  command: AddNote,
  context: { actor: Actor; now: Date; eventId: string },
): [NewEvent<NoteAdded>] {
  validateAddNote(state, command);
  return [
    {
      id: context.eventId,
      type: 'NoteAdded',
      actor: context.actor,
      occurredAt: context.now.toISOString(),
      data: { noteId: context.eventId, text: command.text },
    },
  ];
}
