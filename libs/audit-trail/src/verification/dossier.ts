/**
 * The case dossier: a self-contained JSON export of one case that verifies offline, with
 * no database. It carries every event with the exact canonical text that was hashed (its
 * fields written as that text says them), the case folded from those texts, the recorded
 * head of the chain, the latest signed checkpoint with an inclusion proof of this
 * stream's head under its Merkle root, the public key, and the policy the case ran under.
 * The API builds its events and its case with `dossierEvent` and `dossierCase`, and the
 * verifier (dossier-verification.ts) recomputes them with the same two functions.
 */
import { foldEvents, type ComplaintState } from '../../../domain/src';
import { chainedContentOf, toRecordedEvent } from '../../../event-store/src';
import type { SignedCheckpoint } from './checkpoint-check';
import type { StreamHead } from './stream-head';

export const DOSSIER_FORMAT = 'complaint-engine-dossier/v2';
/**
 * The first format: the same members, but its `case` is the API's view of the case (which
 * needs the API's code to recompute) and its events' instants are spelled as the database
 * columns, not necessarily as the canonical texts.
 */
export const DOSSIER_FORMAT_V1 = 'complaint-engine-dossier/v1';

/** How each event is hashed and chained (event-hash.ts). */
export const DOSSIER_CHAIN_RULE = 'SHA-256 over RFC 8785 canonical JSON';

export interface DossierEvent {
  position: number;
  id: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  actor: unknown;
  data: unknown;
  /** the RFC 8785 text that was hashed */
  canonical: string;
  hash: string;
  previousHash: string;
}

export interface DossierCheckpoint extends SignedCheckpoint {
  algorithm: 'Ed25519';
  /** this stream's head as the checkpoint recorded it */
  head: StreamHead;
  /** the head's leaf index among the checkpoint's heads sorted by stream id */
  leafIndex: number;
  /** the RFC 9162 audit path from that leaf to `root` */
  proof: string[];
}

export interface Dossier {
  format: typeof DOSSIER_FORMAT;
  /** when and by whom it was exported: nothing signs or chains these */
  exportedAt: string;
  exportedBy: { principal: string; role: string };
  complaintId: string;
  streamId: string;
  policyVersion: string;
  /** the registered policy of that version; its document and fingerprint are pinned by nothing signed or chained */
  policy: { version: string; fingerprint: string; document: unknown } | null;
  /** the case as the domain reducer folds these events (`dossierCase`) */
  case: ComplaintState;
  events: DossierEvent[];
  chain: { hash: typeof DOSSIER_CHAIN_RULE; genesis: string; version: number; headHash: string };
  /** null when no checkpoint covers the stream yet (its events are then chained but unanchored) */
  checkpoint: DossierCheckpoint | null;
}

/** A dossier's entry for an event: the fields its canonical text holds, the text itself and its hash. */
export function dossierEvent(canonical: string, hash: string): DossierEvent {
  const content = chainedContentOf(canonical);
  return {
    position: content.position,
    id: content.id,
    type: content.type,
    schemaVersion: content.schemaVersion,
    occurredAt: content.occurredAt,
    recordedAt: content.recordedAt,
    actor: content.actor,
    data: content.data,
    canonical,
    hash,
    previousHash: content.previousHash,
  };
}

/**
 * The case a dossier carries: its events read from their canonical texts the way the
 * store reads them (old schema versions upcast), folded with the domain reducer. Throws
 * when a text is not an event's or the events do not fold into a case.
 */
export function dossierCase(events: readonly Pick<DossierEvent, 'canonical' | 'hash'>[]): ComplaintState {
  return foldEvents(events.map((e) => toRecordedEvent({ ...chainedContentOf(e.canonical), hash: e.hash })));
}
