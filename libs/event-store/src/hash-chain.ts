/**
 * The hash chain of a stream. Each event's hash is the SHA-256 of the RFC 8785 canonical
 * JSON of what is stored for it, including the previous event's hash, so an edit, a
 * deletion or a reordering anywhere in a stream breaks every later link. The canonical
 * text is stored beside the hash: verification hashes exactly those bytes instead of
 * re-serializing a jsonb round trip (whose key order is not preserved).
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

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

export function canonicalText(content: ChainedContent): string {
  const text = canonicalize(content);
  if (text === undefined) throw new Error('event content cannot be canonicalized');
  return text;
}

/** The members of an event's canonical text, each with the type of its value. */
const CHAINED_MEMBERS: Readonly<Record<keyof ChainedContent, 'string' | 'integer' | 'json'>> = {
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

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function chainEvent(content: ChainedContent): { canonical: string; hash: string } {
  const canonical = canonicalText(content);
  return { canonical, hash: sha256Hex(canonical) };
}
