/** Ed25519 checkpoint signatures and the checks of a stored checkpoint (root over heads, trusted key). */
import { generateKeyPairSync } from 'node:crypto';
import { checkCheckpoint, type SignedCheckpoint } from './checkpoint-check';
import { checkpointSigner, generateSigningKey, readPublicKey, signCheckpoint, SigningKeyError } from './checkpoint-signature';
import { headsRoot, type StreamHead } from './stream-head';

const heads: StreamHead[] = [
  { streamId: 'complaint-b', version: 3, headHash: 'b'.repeat(64) },
  { streamId: 'complaint-a', version: 7, headHash: 'a'.repeat(64) },
];

function signed(signerKey = generateSigningKey(), over = heads): { checkpoint: SignedCheckpoint; key: string } {
  const signer = checkpointSigner(signerKey);
  const statement = { id: '0b7f8a52-6f7e-4c57-8d0e-9d1c2b3a4f5e', createdAt: '2026-11-24T10:00:00.000Z', root: headsRoot(over), streamCount: over.length };
  return { checkpoint: { ...statement, signature: signCheckpoint(statement, signer), publicKey: signer.publicKeyPem }, key: signerKey };
}

it('reads the configured key as base64 PKCS#8 DER or PEM, and refuses other keys', () => {
  const key = generateSigningKey();
  const signer = checkpointSigner(key);
  expect(signer.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  const pem = signer.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  expect(checkpointSigner(pem).publicKeyPem).toBe(signer.publicKeyPem);
  expect(() => checkpointSigner('not a key')).toThrow(SigningKeyError);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  expect(() => checkpointSigner(rsa)).toThrow(/Ed25519/);
});

it('accepts a checkpoint signed by the trusted key whose root matches its heads, in any order', () => {
  const { checkpoint, key } = signed();
  const trusted = checkpointSigner(key).publicKey;
  expect(checkCheckpoint(checkpoint, [...heads].reverse(), trusted)).toEqual([]);
  expect(checkCheckpoint(checkpoint, null, undefined)).toEqual([]);
});

it('refuses a checkpoint signed with another key, even one that carries its own public key', () => {
  const trusted = checkpointSigner(generateSigningKey()).publicKey;
  const { checkpoint } = signed();
  expect(checkCheckpoint(checkpoint, heads, trusted).map((p) => p.kind)).toEqual(['bad-signature']);
  expect(checkCheckpoint(checkpoint, heads, trusted)[0].detail).toMatch(/not the trusted one/);
});

it('refuses an altered statement or signature, and heads that do not hash to the root', () => {
  const { checkpoint, key } = signed();
  const trusted = readPublicKey(checkpointSigner(key).publicKeyPem);
  expect(checkCheckpoint({ ...checkpoint, createdAt: '2026-11-25T10:00:00.000Z' }, null, trusted).map((p) => p.kind)).toEqual(['bad-signature']);
  expect(checkCheckpoint({ ...checkpoint, signature: Buffer.alloc(64).toString('base64') }, null, trusted).map((p) => p.kind)).toEqual(['bad-signature']);
  const edited = [{ ...heads[0], version: 2 }, heads[1]];
  expect(checkCheckpoint(checkpoint, edited, trusted).map((p) => p.kind)).toEqual(['checkpoint-mismatch']);
  expect(checkCheckpoint(checkpoint, heads.slice(1), trusted).map((p) => p.kind)).toEqual(['checkpoint-mismatch', 'checkpoint-mismatch']);
});
