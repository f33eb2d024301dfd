/**
 * Checks a stored checkpoint itself: its root must be the Merkle root of its heads, and its
 * signature must verify with the trusted public key (the configured one; a checkpoint
 * signed by any other key is a forgery, whatever public key it carries).
 */
import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid, readPublicKey, sameKey, type CheckpointStatement } from './checkpoint-signature';
import { headsRoot, type StreamHead } from './stream-head';
import type { VerificationProblem } from './verification-report';

export interface SignedCheckpoint extends CheckpointStatement {
  /** base64 Ed25519 signature of the statement */
  signature: string;
  /** the signer's public key as SPKI PEM, as stored with the checkpoint */
  publicKey: string;
}

export function checkCheckpoint(
  checkpoint: SignedCheckpoint,
  heads: readonly StreamHead[] | null,
  trustedKey: KeyObject | undefined,
): VerificationProblem[] {
  const problems: VerificationProblem[] = [];
  const problem = (kind: VerificationProblem['kind'], detail: string) =>
    problems.push({ kind, streamId: null, position: null, detail: `checkpoint ${checkpoint.id}: ${detail}` });
  if (heads) {
    if (heads.length !== checkpoint.streamCount) {
      problem('checkpoint-mismatch', `it names ${checkpoint.streamCount} streams but holds ${heads.length} heads`);
    }
    const root = headsRoot(heads);
    if (root !== checkpoint.root) problem('checkpoint-mismatch', `its heads hash to root ${root}, not the signed ${checkpoint.root}`);
  }
  let storedKey: KeyObject | undefined;
  try {
    storedKey = readPublicKey(checkpoint.publicKey);
  } catch {
    storedKey = undefined;
  }
  const key = trustedKey ?? storedKey;
  if (!key) {
    problem('bad-signature', 'it carries no readable Ed25519 public key');
  } else if (!checkpointSignatureValid(checkpoint, checkpoint.signature, key)) {
    const other = trustedKey && storedKey && !sameKey(trustedKey, storedKey) ? ' (it names a public key that is not the trusted one)' : '';
    problem('bad-signature', `the signature does not verify with the ${trustedKey ? 'trusted' : 'stored'} public key${other}`);
  }
  return problems;
}
