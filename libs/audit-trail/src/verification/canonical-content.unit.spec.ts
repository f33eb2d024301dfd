import { chainEvent, GENESIS_HASH, type ChainedContent } from '../../../event-store/src';
import { CanonicalContentCheck, numbersFitDoubles, jsonbToCanonical, isoInstantMicros, type StoredColumns } from './canonical-content';

const content: ChainedContent = {
  streamId: 'complaint-ż',
  position: 3,
  id: '209d5b0e-af4b-4e65-b9b5-7628e78a5a70',
  type: 'NoteAdded',
  schemaVersion: 1,
  data: { text: 'Zapłaciłam dwa razy', amount: { minor: 1999, currency: 'EUR' }, rate: 0.25 },
  actor: { principal: 'alice', role: 'agent' },
  occurredAt: '2026-11-23T20:02:33.063Z',
  recordedAt: '2026-11-23T20:02:34Z',
  previousHash: GENESIS_HASH,
};
/** the data and actor columns as PostgreSQL renders jsonb (keys by length, then bytes) */
const DATA_JSONB = '{"rate": 0.25, "text": "Zapłaciłam dwa razy", "amount": {"minor": 1999, "currency": "EUR"}}';
const ACTOR_JSONB = '{"role": "agent", "principal": "alice"}';

function columns(overrides: Partial<StoredColumns> = {}): StoredColumns {
  return {
    streamIdJson: JSON.stringify(content.streamId),
    position: content.position,
    eventIdHex: content.id.replace(/-/g, ''),
    typeJson: JSON.stringify(content.type),
    schemaVersion: 1,
    dataJsonb: DATA_JSONB,
    actorCanonical: jsonbToCanonical(ACTOR_JSONB)!,
    occurredAtMicros: Date.parse(content.occurredAt) * 1000,
    recordedAtMicros: Date.parse(content.recordedAt) * 1000,
    previousHash: GENESIS_HASH,
    ...overrides,
  };
}

const { canonical } = chainEvent(content);

describe('CanonicalContentCheck', () => {
  it('proves a stored event whose columns say what its canonical text says', () => {
    expect(new CanonicalContentCheck().matches(canonical, columns())).toBe(true);
  });

  it.each<[string, Partial<StoredColumns>]>([
    ['an edited data column', { dataJsonb: DATA_JSONB.replace('dwa', 'trzy') }],
    ['a data number held more precisely than a double', { dataJsonb: DATA_JSONB.replace('0.25', '0.25000000000000000001') }],
    ['an edited actor', { actorCanonical: '{"principal":"mallory","role":"agent"}' }],
    ['an instant one microsecond off', { occurredAtMicros: Date.parse(content.occurredAt) * 1000 + 1 }],
    ['another position', { position: 4 }],
    ['another event id', { eventIdHex: '309d5b0eaf4b4e65b9b57628e78a5a70' }],
    ['another type', { typeJson: '"NoteRemoved"' }],
    ['another stream', { streamIdJson: '"complaint-z"' }],
    ['another previous hash', { previousHash: '1'.repeat(64) }],
  ])('does not prove %s', (_, overrides) => {
    expect(new CanonicalContentCheck().matches(canonical, columns(overrides))).toBe(false);
  });

  it('does not prove a canonical text with more precise numbers or another spelling', () => {
    const check = new CanonicalContentCheck();
    expect(check.matches(canonical.replace('0.25', '0.25000000000000000001'), columns())).toBe(false);
    expect(check.matches(canonical.replace('"recordedAt":"2026-11-23T20:02:34Z"', '"recordedAt":"2026-11-23T21:02:34+01:00"'), columns())).toBe(false);
    expect(check.matches(canonical.replace('{"actor":', '{ "actor":'), columns())).toBe(false);
  });
});

describe('numbersFitDoubles', () => {
  it('trusts numbers of at most 15 significant digits in the normal range', () => {
    expect(numbersFitDoubles('{"a": [1, -2.5, 0.000001, 123456789012345, 1000000000000000000000]}')).toBe(true);
    expect(numbersFitDoubles('{"a": "0.1234567890123456789 in a string"}')).toBe(true);
  });
  it('does not trust more digits, exponents or extreme magnitudes', () => {
    expect(numbersFitDoubles('{"a": 1234567890123456}')).toBe(false);
    expect(numbersFitDoubles('{"a": 0.10000000000000000001}')).toBe(false);
    expect(numbersFitDoubles('{"a": 1e5}')).toBe(false);
    expect(numbersFitDoubles(`{"a": 0.${'0'.repeat(320)}1}`)).toBe(false);
  });
});

describe('isoInstantMicros', () => {
  const at = (text: string) => isoInstantMicros(text, 0, text.length);
  it('reads UTC instants to the microsecond', () => {
    expect(at('2026-01-02T03:04:05.123456Z')).toBe(Date.UTC(2026, 0, 2, 3, 4, 5) * 1000 + 123456);
    expect(at('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29) * 1000);
  });
  it('refuses other spellings and impossible dates', () => {
    for (const text of ['2026-02-29T00:00:00Z', '2026-01-02T03:04:05+00:00', '2026-01-02 03:04:05Z', '2026-01-02T24:00:00Z']) {
      expect(at(text)).toBeNaN();
    }
  });
});
