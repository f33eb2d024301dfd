/**
 * What a verification of the event store (or of one case, or of a dossier) reports:
 * whether everything checked out, how many events were checked, and every problem found,
 * each naming its stream, its position and its kind.
 */

/** The kinds of problem a verification can find. */
export const VERIFICATION_PROBLEM_KINDS = [
  /** sha256(canonical text) is not the stored hash */
  'hash-mismatch',
  /** the event's previousHash is not the hash of the event before it (or genesis) */
  'broken-link',
  /** positions do not run 1, 2, 3, … (an event is missing, duplicated or out of place) */
  'position-gap',
  /** the stored columns (data, type, position, …) differ from the canonical text that was hashed */
  'content-mismatch',
  /** the streams table's version or head hash differs from the stream's last event */
  'head-mismatch',
  /** the event at a checkpointed version has another hash than the signed checkpoint says */
  'checkpoint-mismatch',
  /** a checkpointed stream now has fewer events than the checkpoint saw */
  'truncated-after-checkpoint',
  /** the checkpoint's signature does not verify with the trusted public key */
  'bad-signature',
  /** a dossier's policy document does not match its fingerprint or the case's policy version */
  'policy-mismatch',
  /** a dossier's case (or the complaint it names) is not what its events fold into */
  'case-mismatch',
  /** a dossier is not in the expected format */
  'malformed-dossier',
] as const;

export type VerificationProblemKind = (typeof VERIFICATION_PROBLEM_KINDS)[number];

export interface VerificationProblem {
  kind: VerificationProblemKind;
  /** the stream concerned; null for a problem of the checkpoint itself */
  streamId: string | null;
  /** the stream position concerned; null when no single position is */
  position: number | null;
  detail: string;
}

export interface VerificationReport {
  valid: boolean;
  eventsChecked: number;
  problems: VerificationProblem[];
}

/** At most this many problems are listed (a wholesale rewrite would otherwise list millions). */
export const MAX_LISTED_PROBLEMS = 1_000;

/** Collects problems, listing at most `limit` of them but counting all. */
export class ProblemList {
  readonly listed: VerificationProblem[] = [];
  count = 0;

  constructor(private readonly limit = MAX_LISTED_PROBLEMS) {}

  add(problem: VerificationProblem): void {
    this.count += 1;
    if (this.listed.length < this.limit) this.listed.push(problem);
  }

  get truncated(): boolean {
    return this.count > this.listed.length;
  }
}
