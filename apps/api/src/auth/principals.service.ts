/**
 * API keys: principals with a role and a hashed secret. Keys from `API_KEYS` are written
 * at start-up (the configuration is authoritative); secrets are stored only as SHA-256
 * digests and looked up by digest, with a short in-memory cache.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
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

  async bootstrap(entries: readonly ApiKeyEntry[]): Promise<void> {
    for (const entry of entries) {
      await this.db.query(
        `INSERT INTO principals (id, role, secret_hash) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET role = EXCLUDED.role, secret_hash = EXCLUDED.secret_hash`,
        [entry.principal, entry.role, secretDigest(entry.secret)],
      );
    }
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
    const rows: { id: string; role: Role }[] = await this.db.query(
      'SELECT id, role FROM principals WHERE secret_hash = $1',
      [digest],
    );
    const principal = rows[0] ? { id: rows[0].id, role: rows[0].role } : null;
    this.cache.set(digest, { principal, expires: Date.now() + CACHE_TTL_MS });
    return principal;
  }
}
