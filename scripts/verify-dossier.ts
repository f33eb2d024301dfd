/**
 * `npm run verify-dossier -- <dossier.json> [--public-key <PEM file | base64 SPKI>]`
 *
 * Verifies a case dossier (GET /v1/complaints/{id}/dossier) offline, with no database:
 * the hash of every canonical text, each event's fields against it, positions and links
 * from genesis, the recorded head, the checkpoint's Ed25519 signature and the inclusion
 * proof of this stream's head under its Merkle root, the case recomputed from the
 * events, and the policy's version and fingerprint. With --public-key the signature must
 * be by that key (recommended: the engine's published key); without it, by the key inside
 * the dossier. Prints what it checked, an `unverified:` line for every part no check
 * covers (what not to trust), and every problem; exits 0 when valid, 1 on any problem,
 * 2 on bad usage or an unreadable file.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { readPublicKey, verifyDossier } from '../libs/audit-trail/src';

const USAGE = 'usage: npm run verify-dossier -- <dossier.json> [--public-key <PEM file | base64 SPKI>]';

export function runVerifyDossier(args: readonly string[], print: (line: string) => void): number {
  const positional: string[] = [];
  let keyArg: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--public-key') keyArg = args[++i];
    else if (args[i].startsWith('--public-key=')) keyArg = args[i].slice('--public-key='.length);
    else positional.push(args[i]);
  }
  if (positional.length !== 1 || (keyArg !== undefined && !keyArg)) {
    print(USAGE);
    return 2;
  }
  let trustedKey: KeyObject | undefined;
  let dossier: unknown;
  try {
    if (keyArg) trustedKey = readPublicKey(existsSync(keyArg) ? readFileSync(keyArg, 'utf8') : keyArg);
    dossier = JSON.parse(readFileSync(positional[0], 'utf8'));
  } catch (error) {
    print(`cannot read ${keyArg && !trustedKey ? 'the public key' : positional[0]}: ${(error as Error).message}`);
    return 2;
  }

  const result = verifyDossier(dossier, trustedKey);
  print(`dossier ${positional[0]}${result.format ? ` (${result.format})` : ''}`);
  for (const line of result.checked) print(`  checked: ${line}`);
  for (const line of result.notes) print(`  note: ${line}`);
  for (const part of result.unverified) print(`  unverified: ${part.pointer || '(the whole document)'} — ${part.reason}`);
  if (result.valid) {
    print(
      `VALID: ${result.eventsChecked} events verified` +
        (result.anchoredThrough ? `, positions 1–${result.anchoredThrough} anchored by the signed checkpoint` : ', not anchored by a checkpoint'),
    );
    return 0;
  }
  print(`INVALID: ${result.problems.length} problem(s)`);
  for (const p of result.problems) {
    print(`  ${p.kind}${p.streamId ? ` ${p.streamId}` : ''}${p.position !== null ? ` @${p.position}` : ''}: ${p.detail}`);
  }
  return 1;
}

if (require.main === module) {
  process.exitCode = runVerifyDossier(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
}
