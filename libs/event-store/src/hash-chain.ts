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

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function chainEvent(content: ChainedContent): { canonical: string; hash: string } {
  const canonical = canonicalText(content);
  return { canonical, hash: sha256Hex(canonical) };
}
