/**
 * Proves, without a database, that an event's canonical text says what its stored
 * columns say: the text must be the RFC 8785 text of an object whose members are, byte
 * for byte, the columns' values (the two instants read from the text, whose writer chose
 * their spelling, and compared with the columns to the microsecond), with the data member
 * parsed and compared value for value with the data column.
 *
 * This is a one-sided test made to be fast: `true` is a proof that PostgreSQL's own
 * column-by-column comparison (the canonical text parsed as jsonb) would find no
 * difference; `false` only means "not proven here", and the caller must then ask the
 * database. So anything unusual (another timestamp spelling, a \u escape, numbers that
 * PostgreSQL holds more precisely than a double) is simply left to the database.
 *
 * It reads the text as event-hash.ts writes it (the members in their canonical order, each
 * spelled as RFC 8785 spells it); event-hash.unit.spec.ts proves, over random events, that
 * it accepts what that module writes and nothing that differs from the columns.
 *
 * JSON.parse turns numbers into doubles, so a number is only trusted when it has at most
 * 15 significant digits and a normal magnitude: then its double stands for exactly its
 * decimal value, and two such numbers with equal doubles are equal decimals, as
 * PostgreSQL's numeric compares them.
 */
/** The stored columns of one event, as the reader decoded them. */
export interface StoredColumns {
  /** the stream id as a JSON string literal (`JSON.stringify`) */
  streamIdJson: string;
  position: number;
  /** the event id as 32 lowercase hexadecimal digits (the uuid without its hyphens) */
  eventIdHex: string;
  /** the type as a JSON string literal */
  typeJson: string;
  schemaVersion: number;
  /** the data column as PostgreSQL renders jsonb */
  dataJsonb: string;
  /** the canonical text of the actor column (see `JsonbCanonicalizer`) */
  actorCanonical: string;
  /** microseconds since the Unix epoch */
  occurredAtMicros: number;
  recordedAtMicros: number;
  previousHash: string;
}

/** Significant digits a decimal can have and still be recovered exactly from its double. */
const DOUBLE_DIGITS = 15;
/** Decimal exponents well inside the normal range of doubles. */
const MAX_EXPONENT = 300;

const ZERO = 48;
const NINE = 57;
const QUOTE = 34;
const BACKSLASH = 92;
const DOT = 46;

/** Is this unsigned decimal (digits, at most one point) recovered exactly by a double? */
function decimalFitsDouble(decimal: string): boolean {
  const point = decimal.indexOf('.');
  const integerDigits = point < 0 ? decimal.length : point;
  const digits = point < 0 ? decimal : decimal.slice(0, point) + decimal.slice(point + 1);
  if (digits.length === 0 || digits.includes('.')) return false;
  let first = 0;
  while (first < digits.length && digits.charCodeAt(first) === ZERO) first += 1;
  if (first === digits.length) return true; // zero
  let last = digits.length - 1;
  while (digits.charCodeAt(last) === ZERO) last -= 1;
  const exponent = integerDigits - 1 - first;
  return last - first + 1 <= DOUBLE_DIGITS && exponent <= MAX_EXPONENT && exponent >= -MAX_EXPONENT;
}

const MAYBE_UNFIT = /\d[.eE]|\d{16}/;

/**
 * Are all number tokens of this JSON text (PostgreSQL's rendering of a jsonb value)
 * recovered exactly by a double? Scans outside strings only.
 */
export function numbersFitDoubles(json: string): boolean {
  // only a fraction, an exponent or 16 digits in a row can break the rule: no scan without one
  if (!MAYBE_UNFIT.test(json)) return true;
  const length = json.length;
  const escapes = json.includes('\\');
  let i = 0;
  while (i < length) {
    const c = json.charCodeAt(i);
    if (c === QUOTE && !escapes) {
      const close = json.indexOf('"', i + 1);
      if (close < 0) return false;
      i = close + 1;
    } else if (c === QUOTE) {
      i += 1;
      for (;;) {
        if (i >= length) return false;
        const s = json.charCodeAt(i);
        if (s === BACKSLASH) i += 2;
        else if (s === QUOTE) break;
        else i += 1;
      }
      i += 1;
    } else if ((c >= ZERO && c <= NINE) || c === 45 /* - */) {
      // a number: [-] digits [. digits]; PostgreSQL writes no exponent, so one is not trusted
      let j = c === 45 ? i + 1 : i;
      const digitsFrom = j;
      while (j < length && ((json.charCodeAt(j) >= ZERO && json.charCodeAt(j) <= NINE) || json.charCodeAt(j) === DOT)) j += 1;
      const next = j < length ? json.charCodeAt(j) : 0;
      if (next === 101 || next === 69) return false; // e, E
      if (j - digitsFrom > DOUBLE_DIGITS || json.lastIndexOf('.', j - 1) >= digitsFrom) {
        if (!decimalFitsDouble(json.slice(digitsFrom, j))) return false;
      }
      i = j;
    } else {
      i += 1;
    }
  }
  return true;
}

/** The canonical text of a jsonb value as PostgreSQL renders it; null when not provable. */
export function jsonbToCanonical(jsonb: string): string | null {
  if (!numbersFitDoubles(jsonb)) return null;
  let value: unknown;
  try {
    value = JSON.parse(jsonb);
  } catch {
    return null;
  }
  return fastCanonicalJson(value);
}

/**
 * RFC 8785 text of a value as JSON.parse returns it from a jsonb column (null, booleans,
 * finite numbers, well-formed strings, arrays, plain objects): what `canonicalJson` of
 * event-hash.ts writes for such values (proven over random values in
 * event-hash.unit.spec.ts), without its generality and about 20% faster.
 */
export function fastCanonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += (i === 0 ? '' : ',') + fastCanonicalJson(value[i]);
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let text = '{';
  for (let i = 0; i < keys.length; i += 1) {
    text += `${i === 0 ? '' : ','}${JSON.stringify(keys[i])}:${fastCanonicalJson(object[keys[i]])}`;
  }
  return `${text}}`;
}

/**
 * `jsonbToCanonical` with a bounded memory of recent answers, for columns whose values
 * repeat (the actor: a few principals write most events).
 */
export class JsonbCanonicalizer {
  private readonly memo = new Map<string, string | null>();

  constructor(private readonly capacity = 1_000) {}

  canonical(jsonb: string): string | null {
    const known = this.memo.get(jsonb);
    if (known !== undefined) return known;
    const text = jsonbToCanonical(jsonb);
    if (this.memo.size >= this.capacity) this.memo.clear();
    this.memo.set(jsonb, text);
    return text;
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i += 1) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Microseconds since the Unix epoch of `YYYY-MM-DDTHH:MM:SS[.f…f]Z` (1 to 6 fraction
 * digits) written at `text[from, to)`; NaN for any other spelling or an impossible date.
 */
export function isoInstantMicros(text: string, from: number, to: number): number {
  const length = to - from;
  if (length < 20 || length > 27 || text.charCodeAt(to - 1) !== 90 /* Z */) return NaN;
  if (text[from + 4] !== '-' || text[from + 7] !== '-' || text[from + 10] !== 'T' || text[from + 13] !== ':' || text[from + 16] !== ':') {
    return NaN;
  }
  const year = digitsAt(text, from, 4);
  const month = digitsAt(text, from + 5, 2);
  const day = digitsAt(text, from + 8, 2);
  const hour = digitsAt(text, from + 11, 2);
  const minute = digitsAt(text, from + 14, 2);
  const second = digitsAt(text, from + 17, 2);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return NaN;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return NaN;
  let micros = 0;
  const fraction = length - 20; // characters between the seconds and the Z
  if (fraction > 0) {
    if (fraction < 2 || text[from + 19] !== '.') return NaN;
    const digits = fraction - 1;
    const value = digitsAt(text, from + 20, digits);
    if (value < 0) return NaN;
    micros = value * 10 ** (6 - digits);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) * 1000 + micros;
}

/** Do two values as JSON.parse returns them hold the same JSON? */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let members = 0;
  for (const key in x) {
    if (!Object.hasOwn(y, key) || !sameJson(x[key], y[key])) return false;
    members += 1;
  }
  for (const key in y) if (Object.hasOwn(y, key)) members -= 1;
  return members === 0;
}

const ID_MEMBER = ',"id":"';

/**
 * Proves canonical texts against columns, remembering the last spelling of each of the
 * two instants (the events of one append share their recordedAt, often their occurredAt).
 */
export class CanonicalContentCheck {
  private occurred = { micros: NaN, text: '' };
  private recorded = { micros: NaN, text: '' };

  /**
   * Is `canonical` the canonical text of these columns (with the instants spelled as the
   * text spells them)? `true` proves it; `false` leaves it to the database.
   */
  matches(canonical: string, columns: StoredColumns): boolean {
    const text = canonical;
    const actor = columns.actorCanonical;
    if (!has(text, 0, '{"actor":') || !has(text, 9, actor) || !has(text, 9 + actor.length, ',"data":')) return false;
    const dataFrom = 9 + actor.length + 8;
    // the data member ends where the id member starts: the last `,"id":"` of the text, as
    // nothing after it (instants, numbers, hashes, JSON string literals) can hold one
    const dataTo = text.lastIndexOf(ID_MEMBER);
    if (dataTo <= dataFrom || !this.tailMatches(text, dataTo, columns)) return false;
    return this.dataMatches(text.slice(dataFrom, dataTo), columns.dataJsonb);
  }

  /** The members after data, from `,"id":"` to the closing brace. */
  private tailMatches(text: string, from: number, columns: StoredColumns): boolean {
    let at = from + ID_MEMBER.length;
    if (!sameUuid(text, at, columns.eventIdHex) || !has(text, at + 36, '","occurredAt":"')) return false;
    at = this.instant(text, at + 36 + 16, columns.occurredAtMicros, this.occurred);
    if (at < 0 || !has(text, at, '","position":')) return false;
    at += 13;
    const position = String(columns.position);
    if (!has(text, at, position) || !has(text, at + position.length, ',"previousHash":"')) return false;
    at += position.length + 17;
    if (!has(text, at, columns.previousHash) || !has(text, at + columns.previousHash.length, '","recordedAt":"')) return false;
    at = this.instant(text, at + columns.previousHash.length + 16, columns.recordedAtMicros, this.recorded);
    if (at < 0 || !has(text, at, '","schemaVersion":')) return false;
    at += 18;
    const schemaVersion = String(columns.schemaVersion);
    if (!has(text, at, schemaVersion) || !has(text, at + schemaVersion.length, ',"streamId":')) return false;
    at += schemaVersion.length + 12;
    if (!has(text, at, columns.streamIdJson) || !has(text, at + columns.streamIdJson.length, ',"type":')) return false;
    at += columns.streamIdJson.length + 8;
    return has(text, at, columns.typeJson) && at + columns.typeJson.length + 1 === text.length && text.endsWith('}');
  }

  /** The data member's text (one JSON value, or the proof fails) against the data column. */
  private dataMatches(member: string, column: string): boolean {
    // PostgreSQL refuses some \u escapes JSON.parse accepts (\u0000, lone surrogates)
    if (member.includes('\\u') || !numbersFitDoubles(member) || !numbersFitDoubles(column)) return false;
    try {
      return sameJson(JSON.parse(member), JSON.parse(column));
    } catch {
      return false;
    }
  }

  /** The instant spelled at `at` up to the next quote must be `micros`; answers where the quote is, or -1. */
  private instant(text: string, at: number, micros: number, last: { micros: number; text: string }): number {
    if (micros === last.micros && has(text, at, last.text) && text.charCodeAt(at + last.text.length) === QUOTE) {
      return at + last.text.length;
    }
    const end = text.indexOf('"', at);
    if (end < 0 || isoInstantMicros(text, at, end) !== micros) return -1;
    last.micros = micros;
    last.text = text.slice(at, end);
    return end;
  }
}

/**
 * Does `part` stand in `text` at `at`? (A slice compared whole is several times faster than
 * `startsWith` with a position in V8.)
 */
function has(text: string, at: number, part: string): boolean {
  return text.slice(at, at + part.length) === part;
}

/** Is `text[at, at + 36)` the uuid whose 32 hexadecimal digits are `hex`, hyphenated 8-4-4-4-12? */
function sameUuid(text: string, at: number, hex: string): boolean {
  if (hex.length !== 32) return false;
  let h = 0;
  for (let i = 0; i < 36; i += 1) {
    const c = text.charCodeAt(at + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45 /* - */) return false;
    } else if (c !== hex.charCodeAt(h++)) {
      return false;
    }
  }
  return true;
}
