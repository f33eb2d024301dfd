/**
 * Verifies a dossier offline (what `npm run verify-dossier` runs), and classifies every
 * part of it: proved by the chain (each event's fields against its canonical text, the
 * SHA-256 of each text, the links from genesis, the recorded head), by the checkpoint's
 * signature, by the inclusion proof of the head under the signed root, or by
 * recomputation (the case folded from the canonical texts, the complaint id and policy
 * version they record); every other part, an unknown member at any depth included, is
 * listed as unverified, so a reader knows what not to trust.
 */
import canonicalize from 'canonicalize';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { ComplaintState } from '../../../domain/src';
import { chainedContentOf, GENESIS_HASH, type ChainedContent, policyFingerprint } from '../../../event-store/src';
import { ChainVerifier } from './chain-verifier';
import { checkCheckpoint } from './checkpoint-check';
import { publicKeyPem, readPublicKey } from './checkpoint-signature';
import { DOSSIER_CHAIN_RULE, DOSSIER_FORMAT, DOSSIER_FORMAT_V1, dossierCase } from './dossier';
import { JsonCoverage, jsonPointer, type JsonPath, type UnverifiedPart } from './json-coverage';
import { verifyInclusion } from './merkle-tree';
import { headLeaf } from './stream-head';
import { ProblemList, type VerificationProblem, type VerificationReport } from './verification-report';

/** What the checks read of a dossier; any other member is allowed, and listed as unverified. */
const eventShape = z.looseObject({
  position: z.number().int(),
  id: z.string(),
  type: z.string(),
  schemaVersion: z.number().int(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actor: z.unknown(),
  data: z.unknown(),
  canonical: z.string(),
  hash: z.string(),
  previousHash: z.string(),
});

const checkpointShape = z.looseObject({
  id: z.string(),
  createdAt: z.string(),
  root: z.string(),
  streamCount: z.number().int(),
  algorithm: z.literal('Ed25519'),
  signature: z.string(),
  publicKey: z.string(),
  head: z.looseObject({ streamId: z.string(), version: z.number().int(), headHash: z.string() }),
  leafIndex: z.number().int(),
  proof: z.array(z.string()),
});

const dossierShape = z.looseObject({
  format: z.enum([DOSSIER_FORMAT, DOSSIER_FORMAT_V1]),
  complaintId: z.string(),
  streamId: z.string(),
  policyVersion: z.string(),
  policy: z.looseObject({ version: z.string(), fingerprint: z.string(), document: z.unknown() }).nullable(),
  case: z.unknown(),
  events: z.array(eventShape),
  chain: z.looseObject({ hash: z.literal(DOSSIER_CHAIN_RULE), genesis: z.string(), version: z.number().int(), headHash: z.string() }),
  checkpoint: checkpointShape.nullable(),
});

type DossierAsRead = z.infer<typeof dossierShape>;
type EventAsRead = z.infer<typeof eventShape>;

export interface DossierVerification extends VerificationReport {
  /** the format the dossier was read as; null when it is not a dossier */
  format: string | null;
  /** one line per thing checked, for people */
  checked: string[];
  /** what a reader should know about how far the checks reach */
  notes: string[];
  /** every part of the document no check proved, with the reason */
  unverified: UnverifiedPart[];
  /** the events up to this position are anchored by the signed checkpoint (0: none) */
  anchoredThrough: number;
}

const EVENT_FIELDS = ['position', 'id', 'type', 'schemaVersion', 'actor', 'data', 'previousHash'] as const;
const INSTANTS = ['occurredAt', 'recordedAt'] as const;

const sameJson = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);
const sameInstant = (a: string, b: string) => !Number.isNaN(Date.parse(a)) && Date.parse(a) === Date.parse(b);
const shown = (value: unknown) => {
  const text = canonicalize(value) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

/**
 * Verify a dossier offline. `trustedKey` pins the engine's public key (recommended);
 * without it the key inside the dossier is used, which proves consistency, not origin.
 */
export function verifyDossier(value: unknown, trustedKey?: KeyObject): DossierVerification {
  const problems = new ProblemList();
  const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
  const parsed = dossierShape.safeParse(value);
  if (!parsed.success) {
    if (format !== DOSSIER_FORMAT && format !== DOSSIER_FORMAT_V1) {
      problems.add({ kind: 'malformed-dossier', streamId: null, position: null, detail: `not a ${DOSSIER_FORMAT} (or ${DOSSIER_FORMAT_V1}) document` });
    }
    for (const issue of format === DOSSIER_FORMAT || format === DOSSIER_FORMAT_V1 ? parsed.error.issues : []) {
      const at = jsonPointer(issue.path.map((step) => (typeof step === 'symbol' ? String(step) : step)));
      problems.add({ kind: 'malformed-dossier', streamId: null, position: null, detail: `${at}: ${issue.message}` });
    }
    return {
      valid: false,
      format: null,
      eventsChecked: 0,
      problems: problems.listed,
      checked: [],
      notes: [],
      unverified: [{ pointer: '', reason: 'not a dossier this verifier can read' }],
      anchoredThrough: 0,
    };
  }
  return new DossierCheck(parsed.data, problems, trustedKey).run(value);
}

class DossierCheck {
  private readonly coverage = new JsonCoverage();
  private readonly checked: string[] = [];
  private readonly notes: string[] = [];
  private readonly legacy: boolean;

  constructor(
    private readonly dossier: DossierAsRead,
    private readonly problems: ProblemList,
    private readonly trustedKey: KeyObject | undefined,
  ) {
    this.legacy = dossier.format === DOSSIER_FORMAT_V1;
  }

  run(document: unknown): DossierVerification {
    const { dossier, coverage } = this;
    coverage.verify(['format']);
    coverage.leaveUnverified(['exportedAt'], 'when the dossier says it was exported: nothing signs or chains it');
    coverage.leaveUnverified(['exportedBy'], 'who the dossier says exported it: nothing signs or chains it');
    if (this.legacy) {
      this.notes.push(
        `${DOSSIER_FORMAT_V1} is an older format: verified as ${DOSSIER_FORMAT} is, except its case (the API's view, which ` +
          'this verifier cannot recompute) and any instant not spelled as its canonical text; those are listed as unverified. ' +
          'Export the case again for a dossier whose case is verified',
      );
    }
    const eventsChecked = this.checkChain();
    this.checkCase();
    const anchoredThrough = this.checkCheckpoint();
    this.checkPolicy();
    if (!this.trustedKey && dossier.checkpoint) {
      this.notes.push('no trusted public key given: the signature was checked with the key inside the dossier, which proves consistency, not origin');
    }
    const valid = this.problems.count === 0;
    return {
      valid,
      format: dossier.format,
      eventsChecked,
      problems: this.problems.listed,
      checked: this.checked,
      notes: this.notes,
      unverified: coverage.unverifiedParts(document, `not part of the ${dossier.format} format: nothing checks it`),
      anchoredThrough: valid ? anchoredThrough : 0,
    };
  }

  /** Hashes, links, each event's fields against its canonical text, the recorded head. */
  private checkChain(): number {
    const { dossier, coverage, problems } = this;
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
    dossier.events.forEach((event, index) => {
      const contentMatches = this.eventMatchesText(event, ['events', index]);
      verifier.add({ ...event, streamId, contentMatches });
    });
    coverage.verify(['streamId']);
    if (dossier.chain.genesis !== GENESIS_HASH) {
      problems.add({ kind: 'broken-link', streamId, position: 1, detail: `the chain names genesis ${dossier.chain.genesis}, not ${GENESIS_HASH}` });
    }
    for (const member of ['hash', 'genesis', 'version', 'headHash']) coverage.verify(['chain', member]);
    const report = verifier.finish();
    this.checked.push(
      `${report.eventsChecked} events of ${streamId}: SHA-256 of each canonical text, its fields, positions and links from genesis`,
      `the recorded head: version ${dossier.chain.version}, ${dossier.chain.headHash}`,
    );
    return report.eventsChecked;
  }

  /** Does the event's entry say what its canonical text says (instants spelled as the text spells them)? */
  private eventMatchesText(event: EventAsRead, path: JsonPath): boolean {
    const { coverage } = this;
    coverage.verify([...path, 'canonical']);
    coverage.verify([...path, 'hash']);
    for (const field of EVENT_FIELDS) coverage.verify([...path, field]);
    let content: ChainedContent;
    try {
      content = chainedContentOf(event.canonical);
    } catch {
      for (const instant of INSTANTS) coverage.verify([...path, instant]);
      return false;
    }
    let matches =
      content.streamId === this.dossier.streamId &&
      content.position === event.position &&
      content.id === event.id &&
      content.type === event.type &&
      content.schemaVersion === event.schemaVersion &&
      content.previousHash === event.previousHash &&
      sameJson(content.data, event.data) &&
      sameJson(content.actor, event.actor);
    for (const instant of INSTANTS) {
      if (this.legacy && event[instant] !== content[instant] && sameInstant(event[instant], content[instant])) {
        coverage.leaveUnverified(
          [...path, instant],
          `spelled as the database column (${DOSSIER_FORMAT_V1}): the same instant as its canonical text's ${content[instant]}`,
        );
      } else {
        coverage.verify([...path, instant]);
        matches &&= event[instant] === content[instant];
      }
    }
    return matches;
  }

  /** The case, the complaint id and the policy version: recomputed from the canonical texts. */
  private checkCase(): void {
    const { dossier, coverage, problems } = this;
    const { streamId } = dossier;
    coverage.verify(['complaintId']);
    coverage.verify(['policyVersion']);
    if (this.legacy) coverage.leaveUnverified(['case'], `a ${DOSSIER_FORMAT_V1} dossier carries the API's view of the case, which is not recomputed`);
    else coverage.verify(['case']);
    let state: ComplaintState;
    try {
      state = dossierCase(dossier.events);
    } catch (error) {
      problems.add({ kind: 'case-mismatch', streamId, position: null, detail: `the events do not fold into a case: ${(error as Error).message}` });
      return;
    }
    if (dossier.complaintId !== state.id) {
      problems.add({ kind: 'case-mismatch', streamId, position: null, detail: `the dossier names complaint ${dossier.complaintId}; its events are of ${state.id}` });
    }
    if (dossier.policyVersion !== state.policyVersion) {
      problems.add({ kind: 'policy-mismatch', streamId, position: null, detail: `the dossier names policy ${dossier.policyVersion}; the case ran under ${state.policyVersion}` });
    }
    this.checked.push(`complaint ${state.id} under policy ${state.policyVersion}, as its events record`);
    if (this.legacy) return;
    const recomputed: unknown = JSON.parse(JSON.stringify(state));
    const difference = firstDifference(dossier.case, recomputed);
    if (difference) {
      problems.add({
        kind: 'case-mismatch',
        streamId,
        position: null,
        detail:
          `the case differs from the fold of its events at ${jsonPointer(['case', ...difference.path])}: ` +
          `it carries ${shown(difference.carried)}, the events give ${shown(difference.recomputed)}`,
      });
    }
    this.checked.push(`the case (version ${state.version}): recomputed from the canonical texts (upcast as the store reads them, folded with the domain reducer)`);
  }

  private checkPolicy(): void {
    const { dossier, coverage, problems } = this;
    if (!dossier.policy) {
      coverage.leaveUnverified(['policy'], 'the dossier carries no policy document');
      return;
    }
    const { version, fingerprint, document } = dossier.policy;
    if (policyFingerprint(document) !== fingerprint) {
      problems.add({ kind: 'policy-mismatch', streamId: dossier.streamId, position: null, detail: `the policy document does not hash to its fingerprint ${fingerprint}` });
    }
    if (version !== dossier.policyVersion) {
      problems.add({ kind: 'policy-mismatch', streamId: dossier.streamId, position: null, detail: `the policy is version ${version}, the case ran under ${dossier.policyVersion}` });
    }
    coverage.verify(['policy', 'version']);
    const unpinned = 'no signed or chained value pins it (the events record only the policy version)';
    coverage.leaveUnverified(['policy', 'fingerprint'], `the SHA-256 of the document beside it, but ${unpinned}`);
    coverage.leaveUnverified(['policy', 'document'], `hashes to the fingerprint beside it, but ${unpinned}`);
    this.checked.push(`policy ${version}: the version the events record, and a document that hashes to its fingerprint ${fingerprint}`);
  }

  /** The checkpoint's signature and the inclusion of this stream's head under its root; answers the anchored version. */
  private checkCheckpoint(): number {
    const { dossier, coverage, problems, trustedKey } = this;
    const { checkpoint, streamId } = dossier;
    if (!checkpoint) {
      coverage.leaveUnverified(['checkpoint'], 'no signed checkpoint: the events are chained but not anchored');
      this.checked.push('no signed checkpoint covers this case yet: its events are chained but not anchored');
      return 0;
    }
    for (const problem of checkCheckpoint(checkpoint, null, trustedKey)) problems.add(problem);
    for (const member of ['id', 'createdAt', 'root', 'streamCount', 'algorithm', 'signature']) coverage.verify(['checkpoint', member]);
    const signingKey = trustedKey ?? readableKey(checkpoint.publicKey);
    if (signingKey && checkpoint.publicKey === publicKeyPem(signingKey)) {
      coverage.verify(['checkpoint', 'publicKey']);
    } else {
      coverage.leaveUnverified(
        ['checkpoint', 'publicKey'],
        trustedKey ? 'not the trusted public key, which is the one the signature was checked with' : 'not the SPKI PEM of a readable Ed25519 key',
      );
    }
    this.checked.push(
      `checkpoint ${checkpoint.id} of ${checkpoint.createdAt}: Ed25519 signature with ${trustedKey ? 'the trusted' : "the dossier's own"} public key`,
    );

    for (const member of ['streamId', 'version', 'headHash']) coverage.verify(['checkpoint', 'head', member]);
    coverage.verify(['checkpoint', 'leafIndex']);
    coverage.verify(['checkpoint', 'proof']);
    this.checked.push(`inclusion of the head (version ${checkpoint.head.version}) under the signed Merkle root ${checkpoint.root}`);
    const problem = (detail: string): VerificationProblem => ({ kind: 'checkpoint-mismatch', streamId, position: checkpoint.head.version, detail });
    if (checkpoint.head.streamId !== streamId) {
      problems.add(problem(`the checkpoint head is of ${checkpoint.head.streamId}, not of this stream`));
      return 0;
    }
    if (!verifyInclusion(headLeaf(checkpoint.head), checkpoint.leafIndex, checkpoint.streamCount, checkpoint.proof, checkpoint.root)) {
      problems.add(problem('the inclusion proof does not lead from this stream’s head to the signed root'));
      return 0;
    }
    return checkpoint.head.version;
  }
}

function readableKey(text: string): KeyObject | undefined {
  try {
    return readPublicKey(text);
  } catch {
    return undefined;
  }
}

/** Where two JSON values first differ (null when they are the same JSON). */
function firstDifference(carried: unknown, recomputed: unknown, path: (string | number)[] = []): { path: JsonPath; carried: unknown; recomputed: unknown } | null {
  if (sameJson(carried, recomputed)) return null;
  const container = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (container(carried) && container(recomputed) && Array.isArray(carried) === Array.isArray(recomputed)) {
    for (const key of new Set([...Object.keys(carried), ...Object.keys(recomputed)])) {
      const found = firstDifference(carried[key], recomputed[key], [...path, key]);
      if (found) return found;
    }
  }
  return { path, carried, recomputed };
}
