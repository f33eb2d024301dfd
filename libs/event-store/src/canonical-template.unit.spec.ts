/**
 * The canonical text split around previousHash, filled with any hash, is exactly the
 * RFC 8785 text `chainEvent` hashes: Polish, Hebrew, emoji, escapes, odd keys, absent
 * members.
 */
import { canonicalTemplate, fillTemplate } from './append-to-stream';
import { canonicalText, GENESIS_HASH, sha256Hex, type ChainedContent } from './hash-chain';

const HASH = sha256Hex('any previous event');

function content(data: unknown, overrides: Partial<ChainedContent> = {}): ChainedContent {
  return {
    streamId: 'complaint-7c1f',
    position: 3,
    id: '0b6d8a57-5a4e-4a36-9d6c-0f6b2f7f5e11',
    type: 'NoteAdded',
    schemaVersion: 1,
    data,
    actor: { principal: 'ewa.nowak', role: 'agent' },
    occurredAt: '2026-11-24T10:00:00.000Z',
    recordedAt: '2026-11-24T10:00:00.123Z',
    previousHash: HASH,
    ...overrides,
  };
}

const DATA: [string, unknown][] = [
  ['Polish', { noteId: 'n-1', text: 'Zażółć gęślą jaźń — klientka zapłaciła dwa razy' }],
  ['Hebrew', { noteId: 'n-2', text: 'הזמנתי לפני שבועיים ועדיין לא קיבלתי את החבילה' }],
  ['emoji and astral keys', { '😀': 'a', é: 1, z: '👩‍👩‍👧 🇵🇱 \u{1F600}', a: [1.5, -0, 1e21, null] }],
  ['escapes', { text: 'line\nbreak "quoted" \\ back\u0007bell \u2028 sep </script>' }],
  ['keys around previousHash', { previousHash: 'x', position: 1, recordedAt: 'y', '': 'empty key' }],
  ['absent members', { kept: 1, dropped: undefined }],
  ['nested order', { b: { d: 1, c: [{ z: 1, y: 2 }] }, a: 'Łódź' }],
  ['null data', null],
];

describe('the canonical text template', () => {
  it.each(DATA)('gives the text chainEvent hashes (%s)', (_name, data) => {
    for (const previousHash of [HASH, GENESIS_HASH]) {
      const full = content(data, { previousHash });
      const { previousHash: _left, ...rest } = full;
      expect(fillTemplate(canonicalTemplate(rest), previousHash)).toBe(canonicalText(full));
    }
  });

  it('gives the same text when a member before or after previousHash is absent', () => {
    const full = content({ text: 'x' }, { actor: undefined, type: undefined as unknown as string });
    const { previousHash, ...rest } = full;
    expect(fillTemplate(canonicalTemplate(rest), previousHash)).toBe(canonicalText(full));
  });
});
