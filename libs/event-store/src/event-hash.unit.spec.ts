/**
 * The event hash (event-hash.ts) pinned by known answers and proven against its other forms
 * over random events: the template split `append_to_stream` fills, the fast verifier's
 * reading of a canonical text, the chain verifier and the dossier verifier. (The SQL path:
 * event-hash.int.spec.ts.)
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { eventData, eventToAppend, isoInstant, jsonValue, text, withLoneSurrogate } from '../../../test/support/random-events';
import {
  canonicalJson,
  canonicalTemplate,
  canonicalText,
  chainedContentOf,
  chainEvent,
  CHAINED_MEMBERS,
  fillTemplate,
  GENESIS_HASH,
  hashOfCanonical,
  hashOfCanonicalBytes,
  type ChainedContent,
} from './event-hash';
import { classifyDatabaseFault } from './database-faults';
import vectorsFile from './event-hash.vectors.json';
import {
  CanonicalContentCheck,
  fastCanonicalJson,
  jsonbToCanonical,
  type StoredColumns,
  ChainVerifier,
  DOSSIER_CHAIN_RULE,
  DOSSIER_FORMAT,
  dossierEvent,
  verifyDossier,
  type VerificationProblemKind,
} from '../../audit-trail/src';

interface Vector {
  name: string;
  content: ChainedContent;
  canonical: string;
  hash: string;
}
const vectors = vectorsFile.vectors as Vector[];
const refused = vectorsFile.refused as { name: string; data?: unknown; actor?: unknown }[];

const RUNS = { numRuns: 300 };
const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
/** JSON.parse's value compared as JSON (-0 and 0 are the same number in JSON). */
const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const utf8Sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

/** A random chained content (any stream, position and previous hash). */
const content: fc.Arbitrary<ChainedContent> = fc
  .record({ event: eventToAppend, streamId: text, position: fc.integer({ min: 1, max: 2 ** 31 - 1 }), recordedAt: isoInstant, previousHash: hex64 })
  .map(({ event, ...rest }) => ({ ...event, ...rest }));

/** Random streams of chained events, as the store chains them. */
const chain = fc.array(content, { minLength: 1, maxLength: 5 }).map((contents) => {
  let previousHash = GENESIS_HASH;
  return contents.map((c, index) => {
    const chained = chainEvent({ ...c, streamId: 'complaint-random', position: index + 1, previousHash });
    previousHash = chained.hash;
    return chained;
  });
});

/** The stored columns of a content, the jsonb columns spelled as JSON.stringify spells them. */
function columnsOf(c: ChainedContent): StoredColumns {
  return {
    streamIdJson: JSON.stringify(c.streamId),
    position: c.position,
    eventIdHex: c.id.replace(/-/g, ''),
    typeJson: JSON.stringify(c.type),
    schemaVersion: c.schemaVersion,
    dataJsonb: JSON.stringify(c.data),
    actorCanonical: jsonbToCanonical(JSON.stringify(c.actor)) ?? 'not provable',
    occurredAtMicros: Date.parse(c.occurredAt) * 1000,
    recordedAtMicros: Date.parse(c.recordedAt) * 1000,
    previousHash: c.previousHash,
  };
}

describe('the known-answer vectors (event-hash.vectors.json)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s: the canonical text and hash', (_name, vector) => {
    expect(canonicalText(vector.content)).toBe(vector.canonical);
    expect(chainEvent(vector.content)).toEqual({ canonical: vector.canonical, hash: vector.hash });
    expect(hashOfCanonical(vector.canonical)).toBe(vector.hash);
    expect(hashOfCanonicalBytes(Buffer.from(vector.canonical, 'utf8'))).toBe(vector.hash);
    expect(utf8Sha256(vector.canonical)).toBe(vector.hash);
    const { previousHash, ...rest } = vector.content;
    expect(fillTemplate(canonicalTemplate(rest), previousHash)).toBe(vector.canonical);
    expect(sameJson(chainedContentOf(vector.canonical), vector.content)).toBe(true);
  });

  it('link the chained events from genesis, which the chain verifier confirms', () => {
    const stream = vectors.filter((v) => v.content.streamId === vectors[0].content.streamId);
    expect(stream.length).toBeGreaterThanOrEqual(2);
    expect(stream[0].content.previousHash).toBe(GENESIS_HASH);
    for (let i = 1; i < stream.length; i += 1) expect(stream[i].content.previousHash).toBe(stream[i - 1].hash);
    const last = stream[stream.length - 1];
    const verifier = new ChainVerifier({
      recordedHead: () => ({ streamId: last.content.streamId, version: last.content.position, headHash: last.hash }),
      checkpointedHead: () => undefined,
      expectedStreams: () => [last.content.streamId],
    });
    for (const v of stream) verifier.add({ ...v.content, canonical: v.canonical, hash: v.hash, contentMatches: true });
    expect(verifier.finish()).toMatchObject({ valid: true, eventsChecked: stream.length });
  });

  it('cover Polish, Hebrew, emoji, the number edges and deep nesting', () => {
    const all = vectors.map((v) => v.canonical).join('');
    for (const sample of ['zapłaciła', 'הזמנתי', '👩‍👩‍👧', '5e-324', '1.7976931348623157e+308', '1e+21', '1e-7', '9007199254740992', '"negativeZero":0']) {
      expect(all).toContain(sample);
    }
    const depth = (value: unknown): number =>
      typeof value === 'object' && value !== null ? 1 + Math.max(0, ...Object.values(value).map(depth)) : 0;
    expect(Math.max(...vectors.map((v) => depth(v.content.data)))).toBeGreaterThanOrEqual(40);
  });

  it.each(refused.map((r) => [r.name, r] as const))('refuses %s', (_name, entry) => {
    const c = { ...vectors[0].content, ...entry } as ChainedContent;
    expect(() => canonicalText(c)).toThrow(/lone UTF-16 surrogate/);
    const { previousHash: _p, ...rest } = c;
    expect(() => canonicalTemplate(rest)).toThrow(/lone UTF-16 surrogate/);
    // refused for good: the append activity fails the action instead of retrying it
    let refusal: unknown;
    try {
      canonicalTemplate(rest);
    } catch (error) {
      refusal = error;
    }
    expect(classifyDatabaseFault(refusal)).toBe('refused-content');
  });
});

describe('canonicalJson against RFC 8785 itself', () => {
  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical spelling
  it.each([
    ['0000000000000000', '0'], ['8000000000000000', '0'], ['0000000000000001', '5e-324'], ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'], ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'], ['c340000000000000', '-9007199254740992'], ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'], ['44b52d02c7e14af6', '1e+23'], ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'], ['444b1ae4d6e2ef4f', '999999999999999900000'], ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'], ['3eb0c6f7a0b5ed8d', '0.000001'], ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'], ['41b3de4355555555', '333333333.3333333'], ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'], ['becbf647612f3696', '-0.0000033333333333333333'], ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('spells the double %s as %s', (bits, spelled) => {
    expect(canonicalJson(Buffer.from(bits, 'hex').readDoubleBE(0))).toBe(spelled);
  });

  it('sorts members by UTF-16 code units (RFC 8785 3.2.3)', () => {
    const value = { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\u{1F600}': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' };
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\u{1F600}":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('refuses NaN and Infinity', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow();
    expect(() => canonicalJson([Infinity])).toThrow();
  });
});

describe('the canonical text of any event', () => {
  it('is its RFC 8785 text, members in the canonical order, read back by chainedContentOf, hashed over its UTF-8 bytes', () => {
    fc.assert(
      fc.property(content, (c) => {
        const { canonical, hash } = chainEvent(c);
        expect(canonical).toBe(canonicalJson(JSON.parse(canonical)));
        expect(Object.keys(JSON.parse(canonical) as object)).toEqual(Object.keys(CHAINED_MEMBERS));
        expect(sameJson(chainedContentOf(canonical), c)).toBe(true);
        expect(hash).toMatch(/^[0-9a-f]{64}$/);
        expect(hash).toBe(utf8Sha256(canonical));
        expect(hashOfCanonicalBytes(Buffer.from(canonical, 'utf8'))).toBe(hash);
      }),
      RUNS,
    );
  });

  it('is what the template append_to_stream fills gives, for any previous hash', () => {
    fc.assert(
      fc.property(content, hex64, (c, previousHash) => {
        const { previousHash: _left, ...rest } = c;
        expect(fillTemplate(canonicalTemplate(rest), previousHash)).toBe(canonicalText({ ...c, previousHash }));
      }),
      RUNS,
    );
  });

  it('is refused, with the template, when a string or a key anywhere holds a lone surrogate', () => {
    const spoilt = fc.tuple(content, withLoneSurrogate, fc.constantFrom('data value', 'data key', 'nested', 'actor', 'type', 'streamId', 'occurredAt'));
    fc.assert(
      fc.property(spoilt, ([c, bad, where]) => {
        const broken: ChainedContent =
          where === 'data value' ? { ...c, data: { text: bad } }
          : where === 'data key' ? { ...c, data: { [bad]: 1 } }
          : where === 'nested' ? { ...c, data: [{ a: [c.data, { b: bad }] }] }
          : where === 'actor' ? { ...c, actor: { principal: bad } }
          : { ...c, [where]: bad };
        expect(() => canonicalText(broken)).toThrow(/lone UTF-16 surrogate/);
        const { previousHash: _left, ...rest } = broken;
        expect(() => canonicalTemplate(rest)).toThrow(/lone UTF-16 surrogate/);
      }),
      RUNS,
    );
  });

  it('refuses a string exactly when it is not well-formed Unicode, whatever backslashes and escapes look like', () => {
    const tricky = fc.string({ unit: fc.constantFrom('\\', 'u', 'd', '8', 'a', 'f', '"', '\uD83D', '\uDE00', '\uDBFF', '\uDC00', 'x'), maxLength: 12 });
    fc.assert(
      fc.property(tricky, (s) => {
        if (s.isWellFormed()) expect(canonicalJson({ [s]: s })).toBe(`{${JSON.stringify(s)}:${JSON.stringify(s)}}`);
        else expect(() => canonicalJson({ [s]: s })).toThrow(/lone UTF-16 surrogate/);
        if (!s.isWellFormed()) expect(() => hashOfCanonical(s)).toThrow(/lone UTF-16 surrogate/);
      }),
      { numRuns: 1000 },
    );
  });
});

/** Data the fast verifier must prove: no controls or backslashes in strings, numbers a double holds exactly as written. */
const plainText = text.map((t) => Array.from(t, (ch) => (ch < ' ' || ch === '\\' ? '_' : ch)).join(''));
const plainValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    plainText,
    fc.integer({ min: -1e15, max: 1e15 }),
    fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(plainText, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

describe('the fast verifier (CanonicalContentCheck) reads the canonical text as event-hash writes it', () => {
  it('proves every event with plain data whose columns say what its text says', () => {
    const plain = fc.tuple(content, plainValue, plainText).map(([c, data, principal]) => ({ ...c, data, actor: { principal, role: 'agent' } }));
    fc.assert(
      fc.property(plain, (c) => {
        expect(new CanonicalContentCheck().matches(canonicalText(c), columnsOf(c))).toBe(true);
      }),
      RUNS,
    );
  });

  it('never proves an event whose columns say anything else, whatever the data', () => {
    const mutation = fc.constantFrom('position', 'schemaVersion', 'id', 'type', 'streamId', 'previousHash', 'occurredAt', 'recordedAt', 'actor', 'data');
    fc.assert(
      fc.property(content, mutation, eventData, hex64, (c, field, otherData, otherHash) => {
        const columns = columnsOf(c);
        const wrong: StoredColumns = { ...columns };
        if (field === 'position') wrong.position += 1;
        if (field === 'schemaVersion') wrong.schemaVersion += 1;
        if (field === 'id') wrong.eventIdHex = (columns.eventIdHex[0] === 'a' ? 'b' : 'a') + columns.eventIdHex.slice(1);
        if (field === 'type') wrong.typeJson = JSON.stringify(`${c.type}x`);
        if (field === 'streamId') wrong.streamIdJson = JSON.stringify(`${c.streamId}x`);
        if (field === 'previousHash') wrong.previousHash = otherHash === c.previousHash ? GENESIS_HASH.replace(/^0/, '1') : otherHash;
        if (field === 'occurredAt') wrong.occurredAtMicros += 1;
        if (field === 'recordedAt') wrong.recordedAtMicros -= 1;
        if (field === 'actor') wrong.actorCanonical = canonicalJson({ ...(c.actor as object), role: 'auditor' });
        if (field === 'data') {
          fc.pre(!sameJson(otherData, c.data));
          wrong.dataJsonb = JSON.stringify(otherData);
        }
        expect(new CanonicalContentCheck().matches(canonicalText(c), wrong)).toBe(false);
      }),
      RUNS,
    );
  });

  it('canonicalizes a JSON value as event-hash does (fastCanonicalJson), or leaves a jsonb actor to the database', () => {
    fc.assert(
      fc.property(fc.oneof(jsonValue, eventData), (value) => {
        expect(fastCanonicalJson(value)).toBe(canonicalJson(value));
        const parsed: unknown = JSON.parse(JSON.stringify(value));
        expect(fastCanonicalJson(parsed)).toBe(canonicalJson(value));
        const canonical = jsonbToCanonical(JSON.stringify(value));
        if (canonical !== null) expect(canonical).toBe(canonicalJson(value));
      }),
      { numRuns: 1000 },
    );
  });
});

const CHAIN_PROBLEMS: VerificationProblemKind[] = ['hash-mismatch', 'broken-link', 'position-gap', 'content-mismatch', 'head-mismatch'];

describe('the dossier verifier hashes and reads the texts as event-hash writes them', () => {
  /** A dossier of these events as a file holds it (JSON written and read back); no case, policy or checkpoint. */
  const dossierOf = (events: { canonical: string; hash: string }[]) =>
    JSON.parse(
      JSON.stringify({
        format: DOSSIER_FORMAT,
        complaintId: 'random',
        streamId: 'complaint-random',
        policyVersion: 'none',
        policy: null,
        case: null,
        events: events.map((e) => dossierEvent(e.canonical, e.hash)),
        chain: { hash: DOSSIER_CHAIN_RULE, genesis: GENESIS_HASH, version: events.length, headHash: events[events.length - 1].hash },
        checkpoint: null,
      }),
    ) as { events: { canonical: string; data: unknown }[] };
  const chainProblems = (dossier: unknown) => verifyDossier(dossier).problems.filter((p) => CHAIN_PROBLEMS.includes(p.kind));

  it('finds no chain problem in any stream chained by event-hash', () => {
    fc.assert(fc.property(chain, (events) => expect(chainProblems(dossierOf(events))).toEqual([])), { numRuns: 100 });
  });

  it('finds the edited event when one canonical text says other data', () => {
    fc.assert(
      fc.property(chain, fc.nat(), eventData, (events, pick, otherData) => {
        const at = pick % events.length;
        const original = chainedContentOf(events[at].canonical);
        fc.pre(!sameJson(otherData, original.data));
        const dossier = dossierOf(events);
        dossier.events[at].canonical = canonicalText({ ...original, data: otherData });
        expect(chainProblems(dossier)).toContainEqual(expect.objectContaining({ kind: 'hash-mismatch', position: at + 1 }));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a canonical text with a lone surrogate as a hash mismatch, not a hash of replacement characters', () => {
    const { canonical } = chainEvent({ ...vectors[0].content, streamId: 'complaint-random' });
    const forged = canonical.replace('Zażółć', 'Za\uD800ółć');
    const replaced = forged.replace('\uD800', '\uFFFD');
    const dossier = dossierOf([{ canonical: replaced, hash: utf8Sha256(replaced) }]);
    expect(chainProblems(dossier)).toEqual([]);
    dossier.events[0].canonical = forged;
    expect(chainProblems(dossier)).toContainEqual(expect.objectContaining({ kind: 'hash-mismatch', detail: expect.stringMatching(/lone UTF-16 surrogate/) }));
  });
});

describe('chainedContentOf', () => {
  it('refuses a text that is not the canonical text of an event', () => {
    const c = vectors[0].content;
    const text = (value: unknown) => canonicalJson(value);
    expect(() => chainedContentOf('{"position":')).toThrow();
    expect(() => chainedContentOf(text([c]))).toThrow(/not a JSON object/);
    expect(() => chainedContentOf(text({ ...c, signedBy: 'me' }))).toThrow(/signedBy/);
    const { data: _data, ...withoutData } = c;
    expect(() => chainedContentOf(text(withoutData))).toThrow(/data is not present/);
    expect(() => chainedContentOf(text({ ...c, position: '1' }))).toThrow(/position is not an integer/);
    expect(() => chainedContentOf(text({ ...c, occurredAt: 0 }))).toThrow(/occurredAt is not a string/);
  });
});
