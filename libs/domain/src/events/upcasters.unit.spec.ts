import { upcast, UnknownEventError, type Upcaster } from './upcasters';

describe('reading old event shapes', () => {
  it('reads a current-version event as it is', () => {
    expect(upcast('NoteAdded', 1, { noteId: 'n', text: 't' })).toEqual({
      type: 'NoteAdded',
      data: { noteId: 'n', text: 't' },
    });
  });

  it('applies registered upcasters in order up to the current version', () => {
    // pretend NoteAdded is at version 1 today and a "version 0" stored the text as `body`
    const upcasters = new Map<string, Upcaster>([['NoteAdded@0', ({ body, ...rest }) => ({ ...rest, text: body })]]);
    expect(upcast('NoteAdded', 0, { noteId: 'n', body: 'stare' }, upcasters)).toEqual({
      type: 'NoteAdded',
      data: { noteId: 'n', text: 'stare' },
    });
  });

  it('refuses an unknown type, a version without an upcaster, and a version from the future', () => {
    expect(() => upcast('SomethingElse', 1, {})).toThrow(UnknownEventError);
    expect(() => upcast('NoteAdded', 0, {})).toThrow(UnknownEventError);
    expect(() => upcast('NoteAdded', 2, {})).toThrow(UnknownEventError);
  });
});
