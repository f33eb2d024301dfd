/**
 * The shapes of values on the wire, as zod schemas whose JSON Schema (the OpenAPI
 * document) is exactly what the server checks: every constraint is a keyword a client or
 * a schema-driven test tool can read (length, pattern, format, bounds). Patterns are
 * written so that ECMAScript and Python read them alike (no `\s`, no `\S`), and none can
 * backtrack badly on long input.
 *
 * Things the wire format cannot say (is the date inside the case's range, may this
 * callback be reached) are rules: they answer 422, never 400.
 */
import { z } from 'zod';

/** Characters that count as blank: the union of ECMAScript's and Python's whitespace, spelled out. */
const BLANK_CHARACTERS = '\\t\\n\\u000b\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
/** No U+0000 anywhere: PostgreSQL text cannot store it. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this pattern is about
export const NO_NUL = /^[^\u0000]*$/;
/**
 * No U+0000, and some character that is not blank, in ONE pattern: schema-driven clients
 * generate data for one pattern far faster than for two combined with allOf (schemathesis
 * took 85 s instead of 2 s on a 20,000-character field). The pattern is linear on text
 * without U+0000, and the server refuses U+0000 anywhere in a body or URL before any
 * schema runs (well-formed-input.ts), so the backtracking a U+0000 could cause never runs.
 */
export const NOT_BLANK_NO_NUL = new RegExp(`^[^\\u0000]*[^\\u0000${BLANK_CHARACTERS}][^\\u0000]*$`);

/**
 * At most `max` characters, counted as JSON Schema counts them (Unicode code points, so an
 * emoji is one), not as JavaScript's `length` does (UTF-16 code units, an emoji is two).
 */
export const maxCharacters = (max: number) => (value: string) => {
  if (value.length <= max) return true;
  let count = 0;
  for (const _ of value) if (++count > max) return false;
  return true;
};

/**
 * Free text: stored exactly as sent (no trimming), any script, emoji included; not blank,
 * no U+0000, at most `max` characters. Lone surrogates and invalid UTF-8 are refused
 * before any schema runs (well-formed-input.ts).
 */
export const text = (max: number) =>
  z
    .string()
    .refine(maxCharacters(max), `must be at most ${max} characters`)
    .regex(NOT_BLANK_NO_NUL, 'must not be blank or contain U+0000')
    .meta({ maxLength: max });

/** An identifier chosen by a client or an operator: printable, no spaces, 1–200 characters. */
export const name = (max = 200) => z.string().regex(new RegExp(`^[\\x21-\\x7e]{1,${max}}$`), `must be 1-${max} printable ASCII characters without spaces`);

/**
 * An RFC 3339 date-time with seconds and an offset (`2026-11-24T10:00:00Z`,
 * `2026-11-24T12:00:00.5+02:00`), a real calendar date, no leap second. The pattern is
 * the whole check; `instantOf` turns a matching string into a Date.
 */
const DATE = String.raw`(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))`;
const TIME = String.raw`(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?`;
const OFFSET = String.raw`(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)`;
export const DATE_TIME = new RegExp(`^${DATE}[Tt]${TIME}${OFFSET}$`);
export const FULL_DATE = new RegExp(`^${DATE}$`);

/** An instant on the wire; handed on in one canonical form (`toISOString`, UTC). */
export const instant = () =>
  z
    .string()
    .regex(DATE_TIME, 'must be an RFC 3339 date-time with seconds and an offset, e.g. 2026-11-24T10:00:00Z')
    .meta({ format: 'date-time' })
    .transform((value) => instantOf(value).toISOString());

export const calendarDate = () => z.string().regex(FULL_DATE, 'must be a calendar date YYYY-MM-DD').meta({ format: 'date' });

/** The instant a DATE_TIME string names (years 0000–0099 included, which Date.UTC would shift). */
export function instantOf(value: string): Date {
  const match = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d\d):(\d\d))$/.exec(value);
  if (!match) throw new RangeError(`not an RFC 3339 date-time: ${value}`);
  const [, y, mo, d, h, mi, s, fraction, sign, oh, om] = match;
  const at = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((fraction ?? '0').padEnd(3, '0').slice(0, 3))));
  at.setUTCFullYear(Number(y));
  const offsetMinutes = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  return new Date(at.getTime() - offsetMinutes * 60_000);
}

export const uuid = () =>
  z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a UUID').meta({ format: 'uuid' });

/** An integer a JavaScript number holds exactly. */
export const safeInteger = () => z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
