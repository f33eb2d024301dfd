/**
 * The case dossier: a self-contained JSON export of one case that verifies offline, with
 * no database. It carries every event with the exact canonical text that was hashed, the
 * recorded head of the chain, the latest signed checkpoint with an inclusion proof of this
 * stream's head under its Merkle root, the public key, and the policy the case ran under.
 * `verifyDossier` is what `npm run verify-dossier` runs.
 */
import canonicalize from 'canonicalize';
import type { KeyObject } from 'node:crypto';
import { GENESIS_HASH } from '../hash-chain';
import { policyFingerprint } from '../policy-registry';
import { ChainVerifier } from './chain-verifier';
import { checkCheckpoint, type SignedCheckpoint } from './checkpoint-check';
import { verifyInclusion } from './merkle-tree';
import { headLeaf, type StreamHead } from './stream-head';
import { ProblemList, type VerificationProblem, type VerificationReport } from './verification-report';

export const DOSSIER_FORMAT = 'complaint-engine-dossier/v1';

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
  exportedAt: string;
  exportedBy: { principal: string; role: string };
  complaintId: string;
  streamId: string;
  policyVersion: string | null;
  policy: { version: string; fingerprint: string; document: unknown } | null;
  /** the case rebuilt from these events with the domain reducer */
  case: unknown;
  events: DossierEvent[];
  chain: { hash: 'SHA-256 over RFC 8785 canonical JSON'; genesis: string; version: number; headHash: string };
  /** null when no checkpoint covers the stream yet (its events are then chained but unanchored) */
  checkpoint: DossierCheckpoint | null;
}

export interface DossierVerification extends VerificationReport {
  /** one line per thing checked, for people */
  checked: string[];
  /** the events up to this position are anchored by the signed checkpoint (0: none) */
  anchoredThrough: number;
}

const sameInstant = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' && !Number.isNaN(Date.parse(a)) && Date.parse(a) === Date.parse(b);
const sameJson = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/** Do the event's fields say what its canonical text says? */
function contentMatches(event: DossierEvent, streamId: string): boolean {
  let hashed: Record<string, unknown>;
  try {
    hashed = JSON.parse(event.canonical) as Record<string, unknown>;
  } catch {
    return false;
  }
  return (
    hashed.streamId === streamId &&
    hashed.position === event.position &&
    hashed.id === event.id &&
    hashed.type === event.type &&
    hashed.schemaVersion === event.schemaVersion &&
    hashed.previousHash === event.previousHash &&
    sameInstant(hashed.occurredAt, event.occurredAt) &&
    sameInstant(hashed.recordedAt, event.recordedAt) &&
    sameJson(hashed.data, event.data) &&
    sameJson(hashed.actor, event.actor)
  );
}

function isDossier(value: unknown): value is Dossier {
  const d = value as Partial<Dossier> | null;
  return (
    typeof d === 'object' && d !== null && d.format === DOSSIER_FORMAT && typeof d.streamId === 'string' &&
    Array.isArray(d.events) && typeof d.chain === 'object' && d.chain !== null
  );
}

/**
 * Verify a dossier offline. `trustedKey` pins the engine's public key (recommended);
 * without it the key inside the dossier is used, which proves consistency, not origin.
 */
export function verifyDossier(value: unknown, trustedKey?: KeyObject): DossierVerification {
  const problems = new ProblemList();
  const checked: string[] = [];
  if (!isDossier(value)) {
    problems.add({ kind: 'malformed-dossier', streamId: null, position: null, detail: `not a ${DOSSIER_FORMAT} document` });
    return { valid: false, eventsChecked: 0, problems: problems.listed, checked, anchoredThrough: 0 };
  }
  const dossier = value;
  const { streamId, checkpoint } = dossier;
  const covered = checkpoint && checkpoint.head.streamId === streamId ? checkpoint.head : undefined;

  const verifier = new ChainVerifier(
    {
      recordedHead: () => ({ streamId, version: dossier.chain.version, headHash: dossier.chain.headHash }),
      checkpointedHead: () => covered,
      expectedStreams: () => [streamId],
    },
    problems,
  );
  for (const event of dossier.events) {
    verifier.add({ ...event, streamId, contentMatches: contentMatches(event, streamId) });
  }
  if (dossier.chain.genesis !== GENESIS_HASH) {
    problems.add({ kind: 'broken-link', streamId, position: 1, detail: `the chain names genesis ${dossier.chain.genesis}, not ${GENESIS_HASH}` });
  }
  const report = verifier.finish();
  checked.push(
    `${report.eventsChecked} events of ${streamId}: SHA-256 of each canonical text, its fields, positions and links from genesis`,
    `the recorded head: version ${dossier.chain.version}, ${dossier.chain.headHash}`,
  );

  let anchoredThrough = 0;
  if (!checkpoint) {
    checked.push('no signed checkpoint covers this case yet: its events are chained but not anchored');
  } else {
    for (const problem of checkCheckpoint(checkpoint, null, trustedKey)) problems.add(problem);
    checked.push(
      `checkpoint ${checkpoint.id} of ${checkpoint.createdAt}: Ed25519 signature with ${trustedKey ? 'the trusted' : "the dossier's own"} public key`,
    );
    const problem = (detail: string): VerificationProblem => ({ kind: 'checkpoint-mismatch', streamId, position: checkpoint.head.version, detail });
    if (checkpoint.head.streamId !== streamId) {
      problems.add(problem(`the checkpoint head is of ${checkpoint.head.streamId}, not of this stream`));
    } else if (!verifyInclusion(headLeaf(checkpoint.head), checkpoint.leafIndex, checkpoint.streamCount, checkpoint.proof, checkpoint.root)) {
      problems.add(problem('the inclusion proof does not lead from this stream’s head to the signed root'));
    } else {
      anchoredThrough = checkpoint.head.version;
    }
    checked.push(`inclusion of the head (version ${checkpoint.head.version}) under the signed Merkle root ${checkpoint.root}`);
  }

  if (dossier.policy) {
    const { version, fingerprint, document } = dossier.policy;
    if (policyFingerprint(document) !== fingerprint) {
      problems.add({ kind: 'policy-mismatch', streamId, position: null, detail: `the policy document does not hash to its fingerprint ${fingerprint}` });
    }
    const recorded = dossier.events[0]?.type === 'ComplaintReceived' ? (dossier.events[0].data as { policyVersion?: unknown }).policyVersion : undefined;
    if (version !== dossier.policyVersion || (recorded !== undefined && recorded !== version)) {
      problems.add({ kind: 'policy-mismatch', streamId, position: null, detail: `the policy is version ${version}, the case ran under ${String(recorded ?? dossier.policyVersion)}` });
    }
    checked.push(`policy ${version}: fingerprint ${fingerprint} and the version the case recorded`);
  }

  return {
    valid: problems.count === 0,
    eventsChecked: report.eventsChecked,
    problems: problems.listed,
    checked,
    anchoredThrough: problems.count === 0 ? anchoredThrough : 0,
  };
}
