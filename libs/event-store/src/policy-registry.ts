/**
 * Registered policies: each version is stored once with its fingerprint. A case pins the
 * version it started under, so a version's content may never change: starting with the
 * same version and different content is refused (bump the version instead).
 */
import type { DataSource } from 'typeorm';
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export class PolicyVersionConflictError extends Error {
  constructor(version: string) {
    super(
      `policy version "${version}" is already registered with different content; ` +
        'cases pin their policy version, so give the changed policy a new version',
    );
    this.name = 'PolicyVersionConflictError';
  }
}

export function policyFingerprint(policy: unknown): string {
  return createHash('sha256').update(canonicalize(policy) ?? '', 'utf8').digest('hex');
}

export async function registerPolicy(db: DataSource, policy: { version: string }): Promise<string> {
  const fingerprint = policyFingerprint(policy);
  await db.query(
    `INSERT INTO policies (version, fingerprint, document) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING`,
    [policy.version, fingerprint, JSON.stringify(policy)],
  );
  const [row]: { fingerprint: string }[] = await db.query('SELECT fingerprint FROM policies WHERE version = $1', [
    policy.version,
  ]);
  if (row.fingerprint !== fingerprint) throw new PolicyVersionConflictError(policy.version);
  return fingerprint;
}
