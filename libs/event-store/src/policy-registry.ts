/**
 * Registered policies: each version is stored once with its fingerprint. A case pins the
 * version it started under, so a version's content may never change: starting with the
 * same version and different content is refused (bump the version instead).
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Policy } from '../../domain/src';
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

/** Registered policies by version (absent when unknown); a version's content never changes, so it is cached. */
const registered = new Map<string, Policy>();

export async function readPolicies(db: EntityManager, versions: readonly string[]): Promise<Map<string, Policy>> {
  const missing = [...new Set(versions)].filter((v) => !registered.has(v));
  if (missing.length) {
    const rows: { version: string; document: Policy }[] = await db.query(
      'SELECT version, document FROM policies WHERE version = ANY($1::text[])',
      [missing],
    );
    for (const row of rows) registered.set(row.version, row.document);
  }
  const found = new Map<string, Policy>();
  for (const version of versions) {
    const policy = registered.get(version);
    if (policy) found.set(version, policy);
  }
  return found;
}
