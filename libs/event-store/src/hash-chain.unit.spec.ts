/** Reading an event's canonical text back: exactly what `canonicalText` wrote, or an error. */
import canonicalize from 'canonicalize';
import { canonicalText, chainedContentOf, GENESIS_HASH, type ChainedContent } from './hash-chain';

const content: ChainedContent = {
  streamId: 'complaint-c-1',
  position: 1,
  id: '00000000-0000-4000-8000-000000000001',
  type: 'NoteAdded',
  schemaVersion: 1,
  data: { noteId: 'n1', text: 'Zapłaciłam dwa razy — המשלוח לא הגיע' },
  actor: { principal: 'alice', role: 'agent' },
  occurredAt: '2026-11-24T10:00:00.000Z',
  recordedAt: '2026-11-24T10:00:00.123456Z',
  previousHash: GENESIS_HASH,
};

it('gives back the content a canonical text was written from, instants spelled as written', () => {
  expect(chainedContentOf(canonicalText(content))).toEqual(content);
});

it('refuses a text that is not the canonical text of an event', () => {
  const text = (value: unknown) => canonicalize(value)!;
  expect(() => chainedContentOf('{"position":')).toThrow();
  expect(() => chainedContentOf(text([content]))).toThrow(/not a JSON object/);
  expect(() => chainedContentOf(text({ ...content, signedBy: 'me' }))).toThrow(/signedBy/);
  const { data: _data, ...withoutData } = content;
  expect(() => chainedContentOf(text(withoutData))).toThrow(/data is not present/);
  expect(() => chainedContentOf(text({ ...content, position: '1' }))).toThrow(/position is not an integer/);
  expect(() => chainedContentOf(text({ ...content, occurredAt: 0 }))).toThrow(/occurredAt is not a string/);
});
