/**
 * API keys: principals with a role and a hashed secret. Keys from `API_KEYS` are written
 * at start-up (the configuration is authoritative for the principals it lists); admins
 * create, rotate and delete keys at run time, each change in one transaction with its line
 * in the append-only `admin_log`. Secrets are random (32 bytes, from here) or the
 * operator's, stored only as SHA-256 digests and looked up by digest: a lookup's timing can
 * tell at most something of a digest, which says nothing of a secret, and the stored digest
 * is compared again in constant time. A short in-memory cache spares the database; a
 * change clears this process's cache at once and reaches every other API process's within
 * the cache's 30 s.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ApiKeyEntry, Role } from '../../../../libs/config/src';
import type { Principal } from './principal';

const CACHE_TTL_MS = 30_000;

export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

@Injectable()
export class PrincipalsService {
  private readonly logger = new Logger(PrincipalsService.name);
  private readonly cache = new Map<string, { principal: Principal | null; expires: number }>();

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Write the configured keys, in one transaction under a lock every API process takes for
   * it: processes starting together write the same rows, and the second insert of a row
   * would otherwise break the secret's unique index (ON CONFLICT arbitrates the id only).
   */
  async bootstrap(entries: readonly ApiKeyEntry[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('principals-bootstrap'))`);
      for (const entry of entries) {
        await tx.query(
          `INSERT INTO principals (id, role, secret_hash) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, secret_hash = EXCLUDED.secret_hash`,
          [entry.principal, entry.role, secretDigest(entry.secret)],
        );
      }
    });
    if (entries.length) this.logger.log(`API keys bootstrapped for ${entries.map((e) => e.principal).join(', ')}`);
    this.cache.clear();
  }

  /** Warn loudly when nobody can call the API (no API_KEYS given and none stored before). */
  async warnIfNoPrincipals(): Promise<void> {
    const [{ count }]: { count: number }[] = await this.db.query('SELECT count(*)::int AS count FROM principals');
    if (count === 0) this.logger.warn('no API keys exist: set API_KEYS=principal:role:secret,… so anyone can call /v1');
  }

  /** The role of a principal, or null when there is none by that id. */
  async roleOf(principalId: string): Promise<Role | null> {
    const rows: { role: Role }[] = await this.db.query('SELECT role FROM principals WHERE id = $1', [principalId]);
    return rows[0]?.role ?? null;
  }

  async authenticate(secret: string): Promise<Principal | null> {
    const digest = secretDigest(secret);
    const hit = this.cache.get(digest);
    if (hit && hit.expires > Date.now()) return hit.principal;
    const rows: { id: string; role: Role; secret_hash: string }[] = await this.db.query(
      'SELECT id, role, secret_hash FROM principals WHERE secret_hash = $1',
      [digest],
    );
    const found = rows[0] && timingSafeEqual(Buffer.from(rows[0].secret_hash, 'hex'), Buffer.from(digest, 'hex')) ? rows[0] : undefined;
    const principal = found ? { id: found.id, role: found.role } : null;
    this.cache.set(digest, { principal, expires: Date.now() + CACHE_TTL_MS });
    return principal;
  }

  /** Every principal with its role and when its key was made (never a secret). */
  async listKeys(): Promise<{ principal: string; role: Role; createdAt: string }[]> {
    const rows: { id: string; role: Role; created_at: Date }[] = await this.db.query('SELECT id, role, created_at FROM principals ORDER BY id');
    return rows.map((row) => ({ principal: row.id, role: row.role, createdAt: row.created_at.toISOString() }));
  }

  /**
   * A new key for `principal` with `role`: created, or rotated (the old secret stops working
   * at once here, within the cache's 30 s elsewhere). The secret is answered once and kept
   * nowhere but as its digest.
   */
  async issueKey(actor: Principal, principal: string, role: Role): Promise<{ secret: string; rotated: boolean; createdAt: string }> {
    const secret = randomBytes(32).toString('base64url');
    const result = await this.db.transaction(async (tx) => {
      const [row]: { created_at: Date; rotated: boolean }[] = await tx.query(
        `INSERT INTO principals AS p (id, role, secret_hash) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, secret_hash = EXCLUDED.secret_hash, created_at = now()
         RETURNING created_at, (xmax <> 0) AS rotated`,
        [principal, role, secretDigest(secret)],
      );
      await tx.query('INSERT INTO admin_log (actor, action, principal, role) VALUES ($1, $2, $3, $4)', [
        actor.id,
        row.rotated ? 'api-key-rotated' : 'api-key-created',
        principal,
        role,
      ]);
      return row;
    });
    this.cache.clear();
    return { secret, rotated: result.rotated, createdAt: result.created_at.toISOString() };
  }

  /** Deletes `principal`'s key; false when there is none. */
  async deleteKey(actor: Principal, principal: string): Promise<boolean> {
    const deleted = await this.db.transaction(async (tx) => {
      // a SELECT over the DELETE, so the rows come back as rows (TypeORM answers a bare DELETE with its count)
      const rows: { role: Role }[] = await tx.query('WITH gone AS (DELETE FROM principals WHERE id = $1 RETURNING role) SELECT role FROM gone', [principal]);
      if (rows.length === 0) return false;
      await tx.query('INSERT INTO admin_log (actor, action, principal, role) VALUES ($1, $2, $3, $4)', [actor.id, 'api-key-deleted', principal, rows[0].role]);
      return true;
    });
    this.cache.clear();
    return deleted;
  }
}
