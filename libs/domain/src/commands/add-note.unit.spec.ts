import { given, recorded } from '../../../../test/support/given-when-then';
import { received } from '../../../../test/support/complaint-fixtures';
import { decideAddNote } from './add-note';

const actor = { principal: 'alice', role: 'agent' };
const now = new Date('2026-11-24T11:00:00.000Z');

describe('adding a note', () => {
  it('given an open case, when an agent adds a note, then NoteAdded records it as written', () => {
    given(recorded([received]))
      .when((state) => decideAddNote(state!, { text: 'הלקוחה ביקשה שיחזרו אליה אחרי 16:00' }, { actor, now, eventId: 'n-1' }))
      .then([
        {
          id: 'n-1',
          type: 'NoteAdded',
          actor,
          occurredAt: '2026-11-24T11:00:00.000Z',
          data: { noteId: 'n-1', text: 'הלקוחה ביקשה שיחזרו אליה אחרי 16:00' },
        },
      ]);
  });

  it('refuses a blank note', () => {
    given(recorded([received]))
      .when((state) => decideAddNote(state!, { text: '  \n ' }, { actor, now, eventId: 'n-1' }))
      .thenRefuses('invalid-command', 'text');
  });

  it('refuses a note on a closed case', () => {
    const { state } = given(recorded([received]));
    const closed = { ...state!, status: 'closed' as const, closure: 'withdrawn' as const };
    expect(() => decideAddNote(closed, { text: 'late' }, { actor, now, eventId: 'n-1' })).toThrow(/closed/);
  });
});
