/**
 * Random events for the property tests of the event hash (libs/event-store/src/event-hash*.spec.ts):
 * any script (Polish, Hebrew, emoji, any code point but lone surrogates), escapes, keys that
 * sort differently by code unit and by code point, numbers at the edges of IEEE 754 and
 * deeply nested data. Strings hold no U+0000, which PostgreSQL cannot store (the API refuses
 * it, see apps/api/src/http/well-formed-input.ts).
 */
import fc from 'fast-check';

/** Doubles whose shortest spelling is awkward: subnormals, the extremes, -0, the switch to exponents. */
export const EDGE_NUMBERS = [
  5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308, -0, 0, 1e21, 1e20,
  999999999999999900000, 1e-7, 1e-6, 9.999999999999997e-7, 2 ** 53, -(2 ** 53), 2 ** 53 + 2, 0.1 + 0.2, 1 / 3, 1e23,
  9.999999999999997e22, 333333333.33333325, 2 ** -1074 * 3,
];

export const SNIPPETS = [
  'Zażółć gęślą jaźń', 'ŁÓDŹ', 'klientka zapłaciła dwa razy', 'הזמנתי לפני שבועיים', 'נועה לוי', '📦', '😡', '👩‍👩‍👧',
  '🇵🇱', '👍🏽', '\u{1F600}', '\uFFFF', '\uE000', 'é', 'e\u0301', '"', '\\', '\\ud800', '\n', '\t', '\u0001', '\u001f',
  '\u007f', '\u2028', '\u2029', '</script>', 'previousHash', '', ' ',
];

const noNul = (text: string) => text.replaceAll('\u0000', '\u0001');

export const text = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 4 }).map((parts) => parts.join('')),
  )
  .map(noNul);

export const number = fc.oneof(
  fc.constantFrom(...EDGE_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100),
);

const leaf = fc.oneof(text, number, fc.boolean(), fc.constant(null));

/** A JSON value (as JSON.parse gives it, with -0 too): objects, arrays and leaves, a few levels deep. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 5 },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(text, tie('value'), { maxKeys: 5, noNullPrototype: true }),
  ),
})).value;

/** A value wrapped in up to `maxDepth` levels of arrays and objects. */
export const deepValue = (maxDepth: number) =>
  fc.tuple(jsonValue, fc.array(fc.boolean(), { maxLength: maxDepth }), text).map(([inner, levels, key]) =>
    levels.reduce<unknown>((value, asArray) => (asArray ? [value] : { [key]: value }), inner),
  );

/** An event's data: an object (as domain events have), some of it deep. */
export const eventData = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(text, jsonValue, { maxKeys: 6, noNullPrototype: true }) },
  { weight: 1, arbitrary: deepValue(120).map((value) => ({ deep: value })) },
  { weight: 1, arbitrary: jsonValue },
);

/** An instant as `Date#toISOString` spells it (what the store writes for recordedAt). */
export const isoInstant = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((ms) => new Date(ms).toISOString());

/** What a caller appends: everything but the stream, position, recordedAt and chain. */
export const eventToAppend = fc.record({
  id: fc.uuid({ version: 4 }),
  type: fc.oneof(fc.constantFrom('NoteAdded', 'ComplaintReceived', 'CustomerReplied'), text.filter((t) => t.length > 0)),
  schemaVersion: fc.integer({ min: 1, max: 5 }),
  data: eventData,
  actor: fc.record({ principal: text, role: fc.constantFrom('agent', 'supervisor', 'customer', 'system') }),
  occurredAt: isoInstant,
});

/** Ill-formed text: a lone surrogate somewhere in a well-formed string. */
export const withLoneSurrogate = fc
  .tuple(text, fc.integer({ min: 0xd800, max: 0xdfff }), text, fc.boolean())
  .map(([before, unit, after, reversed]) => (reversed ? `${before}\uDE00\uD83D${after}` : `${before}${String.fromCharCode(unit)}${after}`))
  .filter((value) => !value.isWellFormed());
