/**
 * Signed checkpoints: Ed25519 (node:crypto) over the RFC 8785 text of
 * {format, id, createdAt, root, streamCount}. The key comes from AUDIT_SIGNING_KEY: an
 * Ed25519 private key as base64 of its PKCS#8 DER encoding
 * (`openssl genpkey -algorithm ed25519 -outform DER | base64`). Public keys travel as PEM
 * (SPKI); signatures as base64.
 */
import canonicalize from 'canonicalize';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export const CHECKPOINT_FORMAT = 'complaint-engine-checkpoint/v1';

/** The signed part of a checkpoint. */
export interface CheckpointStatement {
  id: string;
  createdAt: string;
  /** Merkle root (hex) over the sorted stream heads */
  root: string;
  streamCount: number;
}

export interface CheckpointSigner {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** the public key as SPKI PEM */
  publicKeyPem: string;
}

export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

/** Reads AUDIT_SIGNING_KEY (base64 PKCS#8 DER, or a PKCS#8 PEM); refuses anything but Ed25519. */
export function checkpointSigner(configured: string): CheckpointSigner {
  let privateKey: KeyObject;
  try {
    privateKey = configured.includes('-----BEGIN')
      ? createPrivateKey(configured)
      : createPrivateKey({ key: Buffer.from(configured.trim(), 'base64'), format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw new SigningKeyError(`not a PKCS#8 private key (base64 DER or PEM): ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`must be an Ed25519 key, not ${privateKey.asymmetricKeyType ?? 'unknown'}`);
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKeyPem(publicKey) };
}

/** A new Ed25519 key in the AUDIT_SIGNING_KEY format (base64 PKCS#8 DER). */
export function generateSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
}

/** A public key given as PEM or as base64 SPKI DER. */
export function readPublicKey(text: string): KeyObject {
  const key = text.includes('-----BEGIN')
    ? createPublicKey(text)
    : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError('the public key is not an Ed25519 key');
  return key;
}

/** The public key as SPKI PEM, the form checkpoints carry it in. */
export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** The public key as one line: base64 of its SPKI DER (the body of its PEM). */
export function publicKeyBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

export function signedText(statement: CheckpointStatement): string {
  return canonicalize({
    format: CHECKPOINT_FORMAT,
    id: statement.id,
    createdAt: statement.createdAt,
    root: statement.root,
    streamCount: statement.streamCount,
  })!;
}

export function signCheckpoint(statement: CheckpointStatement, signer: CheckpointSigner): string {
  return sign(null, Buffer.from(signedText(statement), 'utf8'), signer.privateKey).toString('base64');
}

/**
 * True when `signature` is `publicKey`'s signature of the statement, written as base64
 * exactly as `signCheckpoint` writes it (a lenient decoder would ignore stray characters,
 * so any other spelling is refused); never throws.
 */
export function checkpointSignatureValid(statement: CheckpointStatement, signature: string, publicKey: KeyObject): boolean {
  try {
    const bytes = Buffer.from(signature, 'base64');
    if (bytes.toString('base64') !== signature) return false;
    return verify(null, Buffer.from(signedText(statement), 'utf8'), publicKey, bytes);
  } catch {
    return false;
  }
}

/** Whether two public keys are the same key. */
export function sameKey(a: KeyObject, b: KeyObject): boolean {
  return publicKeyBase64(a) === publicKeyBase64(b);
}
