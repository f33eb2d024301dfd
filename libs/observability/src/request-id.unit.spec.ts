import { requestIdFrom } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('a request’s id', () => {
  it.each(['a', 'desk-7:ticket_42.a', 'x'.repeat(128), '0f8fad5b-d9cb-469f-a165-70867728950e'])('is the caller’s %s', (given) => {
    expect(requestIdFrom(given)).toBe(given);
  });

  it.each([
    ['none', undefined],
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['a space', 'a b'],
    ['a line break', 'a\nb'],
    ['a quote', 'a"b'],
    ['non-ASCII', 'żółw'],
    ['the header twice', ['a', 'b']],
  ])('is a new UUID when the caller’s is %s', (_case, given) => {
    expect(requestIdFrom(given)).toMatch(UUID);
  });
});
