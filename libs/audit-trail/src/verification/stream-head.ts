/**
 * A stream head as a checkpoint records it, and its place in the checkpoint's Merkle tree:
 * heads are sorted by stream id (UTF-16 code units, as JavaScript compares strings, never
 * a database collation) and each leaf is the RFC 8785 text of {streamId, version, headHash}.
 */
import canonicalize from 'canonicalize';
import { inclusionProof, leafHash, merkleRoot } from './merkle-tree';

export interface StreamHead {
  streamId: string;
  /** the stream's version (its last position) when the checkpoint was taken */
  version: number;
  /** the hash of the event at that position */
  headHash: string;
}

export function compareStreamIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedHeads(heads: readonly StreamHead[]): StreamHead[] {
  return [...heads].sort((a, b) => compareStreamIds(a.streamId, b.streamId));
}

export function headLeaf(head: StreamHead): Buffer {
  const text = canonicalize({ streamId: head.streamId, version: head.version, headHash: head.headHash });
  return leafHash(text ?? '');
}

/** The Merkle root over the heads (sorted here, whatever order they come in). */
export function headsRoot(heads: readonly StreamHead[]): string {
  return merkleRoot(sortedHeads(heads).map(headLeaf));
}

/** Where a stream's head sits in the sorted heads, with its audit path; null if absent. */
export function headInclusion(
  heads: readonly StreamHead[],
  streamId: string,
): { head: StreamHead; leafIndex: number; treeSize: number; proof: string[] } | null {
  const sorted = sortedHeads(heads);
  const leafIndex = sorted.findIndex((h) => h.streamId === streamId);
  if (leafIndex < 0) return null;
  return {
    head: sorted[leafIndex],
    leafIndex,
    treeSize: sorted.length,
    proof: inclusionProof(sorted.map(headLeaf), leafIndex),
  };
}
