/**
 * The wire formats check exactly what their JSON Schema says: the same patterns decide in
 * the server (ECMAScript) as in a schema-driven client, and instants parse to the instant
 * their text names, whatever the year or offset.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { DATE_TIME, instant, instantOf, NOT_BLANK_NO_NUL, text } from './wire-formats';

describe('text', () => {
  const schema = text(20);

  it('accepts any script and emoji, exactly as sent', () => {
    for (const value of [' שלום ', 'Zażółć gęślą jaźń', '📞 call back', 'a']) expect(schema.parse(value)).toBe(value);
  });

  it('refuses blank text in every whitespace either ECMAScript or Python knows, U+0000, and over-long text', () => {
    for (const blank of ['', ' ', '\t\n\r', '\u001c\u001f', '\u0085', '\u00a0\u2003\u3000', '\ufeff', '\u2028']) {
      expect(schema.safeParse(blank).success).toBe(false);
    }
    expect(schema.safeParse('ok\u0000').success).toBe(false);
    expect(schema.safeParse('x'.repeat(21)).success).toBe(false);
    // characters as JSON Schema counts them: 20 emoji are 20 characters (40 UTF-16 code units)
    expect(schema.safeParse('📞'.repeat(20)).success).toBe(true);
    expect(schema.safeParse('📞'.repeat(21)).success).toBe(false);
  });

  it('documents its whole check in one pattern and a length, so the document refuses what the server refuses', () => {
    const document = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as { pattern: string; maxLength: number };
    expect(document.maxLength).toBe(20);
    const patterns = [new RegExp(document.pattern)];
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 25 }), (value) => {
        const documented = [...value].length <= document.maxLength && patterns.every((pattern) => pattern.test(value));
        expect(documented).toBe(schema.safeParse(value).success);
      }),
    );
  });

  it('decides long text without U+0000 in one pass (no catastrophic backtracking)', () => {
    expect(NOT_BLANK_NO_NUL.test(' '.repeat(1_000_000))).toBe(false);
    expect(NOT_BLANK_NO_NUL.test(`x${' '.repeat(1_000_000)}`)).toBe(true);
    expect(NOT_BLANK_NO_NUL.test(`${' '.repeat(500_000)}x${' '.repeat(500_000)}`)).toBe(true);
  });
});

describe('instant', () => {
  it('reads an RFC 3339 date-time with seconds and an offset as the instant it names', () => {
    expect(instantOf('2026-11-24T10:00:00Z').toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(instantOf('2026-11-24t12:30:00.5+02:30').toISOString()).toBe('2026-11-24T10:00:00.500Z');
    expect(instantOf('0050-06-01T00:00:00z').toISOString()).toBe('0050-06-01T00:00:00.000Z');
    expect(instantOf('2024-02-29T23:59:59.999999999-23:59').toISOString()).toBe('2024-03-01T23:58:59.999Z');
  });

  it('agrees with Date.parse on every instant Date can print', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (at) => {
        const text = at.toISOString();
        expect(DATE_TIME.test(text)).toBe(true);
        expect(instantOf(text).getTime()).toBe(at.getTime());
      }),
    );
  });

  it('refuses what RFC 3339 refuses: no seconds, no offset, impossible dates, leap seconds', () => {
    for (const bad of ['2026-11-24T10:00Z', '2026-11-24T10:00:00', '2026-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-12-31T23:59:60Z', '2026-11-24 10:00:00Z', '2026-11-24T10:00:00+24:00']) {
      expect(instant().safeParse(bad).success).toBe(false);
    }
  });

  it('hands the instant on in one canonical UTC form', () => {
    expect(instant().parse('2026-11-24T12:00:00+02:00')).toBe('2026-11-24T10:00:00.000Z');
  });
});
