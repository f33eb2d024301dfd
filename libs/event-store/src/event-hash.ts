/**
 * How an event's hash is computed: the one definition. Stored chains and exported dossiers
 * depend on every byte of it, so it never changes; `event-hash.vectors.json` pins it with
 * known answers, and the tests beside this file fail on any change.
 *
 * 1. The chained content: one JSON object with exactly the ten members of `ChainedContent`
 *    (`CHAINED_MEMBERS`), nothing else: the stream id, the 1-based position, the event id,
 *    type and schema version, its data and actor (JSON values), the instants it occurred and
 *    was recorded at (strings, spelled as the writer spelled them), and `previousHash`.
 * 2. The canonical text: the RFC 8785 JSON Canonicalization Scheme of that object, written
 *    by the `canonicalize` package (by an author of the RFC): no whitespace; an object's
 *    members sorted by key in UTF-16 code units (so an event's members stand in the order of
 *    `CHAINED_MEMBERS`: actor, data, id, occurredAt, position, previousHash, recordedAt,
 *    schemaVersion, streamId, type); strings as ECMAScript's JSON.stringify writes them (only
 *    `"`, `\` and controls below U+0020 escaped); numbers as ECMAScript's Number::toString
 *    writes them (shortest round trip: -0 as `0`, 1e21 as `1e+21`, 1e-7 as `1e-7`); members
 *    whose value is undefined left out.
 * 3. The bytes hashed: the UTF-8 encoding of the canonical text, nothing before or after.
 * 4. The hash: SHA-256 of those bytes, written as 64 lowercase hexadecimal digits.
 * 5. The chain: `previousHash` is the hash of the event before it in its stream; the first
 *    event's is `GENESIS_HASH` (64 zeros). So an edit, a deletion or a reordering anywhere
 *    breaks every later link.
 *
 * Refused (an `UnhashableContentError`, never a hash; refused content to the append, which
 * fails the action rather than retrying it, see database-faults.ts): text that is not
 * well-formed Unicode, that is a lone UTF-16 surrogate in a string or a key (RFC 8785
 * requires I-JSON, RFC 7493; a lone
 * surrogate has no UTF-8 encoding, and hashing a replacement character instead would give
 * two texts one hash), and numbers JSON cannot spell (NaN, ±Infinity). The API refuses lone
 * surrogates at its door with a 400 (apps/api/src/http/well-formed-input.ts); this module
 * refuses them from anything else that would reach the store. (U+0000 is hashable here, but
 * PostgreSQL cannot store it: the API refuses it too.)
 *
 * The other forms of this rule, each proven byte-identical to this module by a property
 * test over random events and by the vectors: `canonicalTemplate` below, whose two pieces
 * the `append_to_stream` function joins around the head hash and hashes in SQL (migration
 * 1763900000400: `before || previous || after`, `sha256(convert_to(text, 'UTF8'))`, hex,
 * genesis `repeat('0', 64)`; event-hash.int.spec.ts); and the fast verifier's reading of a
 * canonical text and its faster canonical JSON of jsonb values (`CanonicalContentCheck`,
 * `fastCanonicalJson` in libs/audit-trail/src/verification/canonical-content.ts;
 * event-hash.unit.spec.ts). The verifiers (libs/audit-trail: chain-verifier.ts,
 * chain-screen.ts) hash with `hashOfCanonical*` here;
 * the dossier verifier reads texts with `chainedContentOf` and hashes with ChainVerifier.
 * Verification always hashes the stored text as stored, never a re-serialization.
 */
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** Content the event hash refuses (a lone surrogate, a number JSON cannot spell): refused the same way on every retry. */
export class UnhashableContentError extends Error {
  override name = 'UnhashableContentError';
}

/** The `previousHash` of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** Everything about an event that the chain protects. */
export interface ChainedContent {
  streamId: string;
  /** 1-based position in the stream */
  position: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  actor: unknown;
  occurredAt: string;
  recordedAt: string;
  previousHash: string;
}

/** The members of an event's canonical text, in the order they stand in it, each with the type of its value. */
export const CHAINED_MEMBERS: Readonly<Record<keyof ChainedContent, 'string' | 'integer' | 'json'>> = {
  actor: 'json',
  data: 'json',
  id: 'string',
  occurredAt: 'string',
  position: 'integer',
  previousHash: 'string',
  recordedAt: 'string',
  schemaVersion: 'integer',
  streamId: 'string',
  type: 'string',
};

/**
 * JSON.stringify (ECMAScript 2019 and later) writes a lone surrogate as a `\udXXX` escape
 * (XXX from 800) and never escapes a surrogate of a pair, so such an escape, not itself
 * escaped (after an even run of backslashes), is a lone surrogate in the value.
 */
const ESCAPED_LONE_SURROGATE = /(?:^|[^\\])(?:\\\\)*\\ud[89a-f]/;

/**
 * The RFC 8785 canonical text of a JSON value. Throws for a lone surrogate in any string
 * or key, and for NaN or ±Infinity.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    throw new UnhashableContentError(`the value has no canonical text: ${(error as Error).message}`);
  }
  if (text === undefined) throw new UnhashableContentError('the value has no JSON text');
  if (text.includes('\\ud') && ESCAPED_LONE_SURROGATE.test(text)) {
    throw new UnhashableContentError('the value holds a lone UTF-16 surrogate (not well-formed Unicode text), which has no canonical text');
  }
  return text;
}

/** The canonical text of an event's content: the text whose UTF-8 bytes are hashed. */
export function canonicalText(content: ChainedContent): string {
  return canonicalJson(content);
}

/** A lone surrogate: in a `u` regular expression a pair is one code point, of another category. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The hash of a canonical text: SHA-256 of its UTF-8 bytes, lowercase hex. Throws for text that is not well-formed Unicode. */
export function hashOfCanonical(canonical: string): string {
  if (LONE_SURROGATE.test(canonical)) throw new UnhashableContentError('the canonical text holds a lone UTF-16 surrogate: it has no UTF-8 bytes to hash');
  return hash('sha256', canonical, 'hex');
}

/** The hash of a canonical text given as its UTF-8 bytes (as the database sends it). */
export function hashOfCanonicalBytes(utf8: Uint8Array): string {
  return hash('sha256', utf8, 'hex');
}

/** An event's canonical text and hash. */
export function chainEvent(content: ChainedContent): { canonical: string; hash: string } {
  const canonical = canonicalText(content);
  return { canonical, hash: hashOfCanonical(canonical) };
}

/** The canonical text of an event with the value of `previousHash` left out. */
export interface CanonicalTemplate {
  beforePreviousHash: string;
  afterPreviousHash: string;
}

const PREVIOUS_HASH = 'previousHash';

/**
 * The canonical text in two pieces, around the value of `previousHash`, for a writer that
 * learns the previous hash only later (`append_to_stream` joins them around the stream's
 * head hash while it holds the stream's lock). Split by construction, not by searching the
 * text: the members whose keys sort before `previousHash` come first, then
 * `"previousHash":"<hash>"`, then the rest. A hash is 64 hex digits, which JSON never escapes.
 */
export function canonicalTemplate(content: Omit<ChainedContent, 'previousHash'>): CanonicalTemplate {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) {
    if (key === PREVIOUS_HASH) continue;
    (key < PREVIOUS_HASH ? before : after)[key] = value;
  }
  const head = canonicalJson(before);
  const tail = canonicalJson(after);
  return {
    beforePreviousHash: `${head.slice(0, -1)}${head === '{}' ? '' : ','}"${PREVIOUS_HASH}":"`,
    afterPreviousHash: tail === '{}' ? '"}' : `",${tail.slice(1)}`,
  };
}

/** The canonical text a template gives with this previous hash (what `append_to_stream` writes). */
export function fillTemplate(template: CanonicalTemplate, previousHash: string): string {
  return template.beforePreviousHash + previousHash + template.afterPreviousHash;
}

/**
 * The content an event's canonical text holds, as `canonicalText` wrote it: exactly the
 * members of `ChainedContent`, each of its type. Throws when the text is anything else.
 */
export function chainedContentOf(canonical: string): ChainedContent {
  const value: unknown = JSON.parse(canonical);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the canonical text is not a JSON object');
  const content = value as Record<string, unknown>;
  const members = Object.keys(CHAINED_MEMBERS) as (keyof ChainedContent)[];
  const extra = Object.keys(content).filter((key) => !Object.hasOwn(CHAINED_MEMBERS, key));
  if (extra.length) throw new Error(`the canonical text has members an event does not have: ${extra.join(', ')}`);
  for (const member of members) {
    const kind = CHAINED_MEMBERS[member];
    const found = content[member];
    const fits = kind === 'json' ? found !== undefined : kind === 'integer' ? Number.isInteger(found) : typeof found === 'string';
    const expected = { json: 'present', integer: 'an integer', string: 'a string' }[kind];
    if (!fits) throw new Error(`the canonical text's ${member} is not ${expected}`);
  }
  return content as unknown as ChainedContent;
}
