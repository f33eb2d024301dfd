/**
 * Signed checkpoints in the database: every stream head at one instant (one consistent
 * snapshot), their Merkle root and its Ed25519 signature, stored append-only.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { signCheckpoint, type CheckpointSigner } from './verification/checkpoint-signature';
import type { SignedCheckpoint } from './verification/checkpoint-check';
import { headsRoot, sortedHeads, type StreamHead } from './verification/stream-head';

export interface StoredCheckpoint extends SignedCheckpoint {
  createdBy: string;
}

interface CheckpointRow {
  id: string;
  created_at: Date;
  root: string;
  stream_count: number;
  signature: string;
  public_key: string;
  created_by: string;
}

function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    root: row.root,
    streamCount: row.stream_count,
    signature: row.signature,
    publicKey: row.public_key,
    createdBy: row.created_by,
  };
}

export async function readStreamHeads(db: EntityManager): Promise<StreamHead[]> {
  const rows: { stream_id: string; version: number; head_hash: string }[] = await db.query(
    'SELECT stream_id, version, head_hash FROM streams WHERE version > 0',
  );
  return sortedHeads(rows.map((r) => ({ streamId: r.stream_id, version: r.version, headHash: r.head_hash })));
}

export interface CreateCheckpointOptions {
  createdBy: string;
  /** skip (and return the latest) when no stream head moved since it was signed */
  onlyIfChanged?: boolean;
}

/** Sign and store a checkpoint of every stream head now; returns it with its heads. */
export async function createCheckpoint(
  db: DataSource,
  signer: CheckpointSigner,
  options: CreateCheckpointOptions,
): Promise<{ checkpoint: StoredCheckpoint; heads: StreamHead[]; created: boolean }> {
  return db.transaction('REPEATABLE READ', async (tx) => {
    const heads = await readStreamHeads(tx);
    const root = headsRoot(heads);
    if (options.onlyIfChanged) {
      const latest = await latestCheckpoint(tx);
      if (latest && latest.root === root && latest.streamCount === heads.length) {
        return { checkpoint: latest, heads, created: false };
      }
    }
    const statement = { id: randomUUID(), createdAt: new Date().toISOString(), root, streamCount: heads.length };
    const checkpoint: StoredCheckpoint = {
      ...statement,
      signature: signCheckpoint(statement, signer),
      publicKey: signer.publicKeyPem,
      createdBy: options.createdBy,
    };
    await tx.query(
      `INSERT INTO audit_checkpoints (id, created_at, root, stream_count, signature, public_key, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [checkpoint.id, checkpoint.createdAt, root, heads.length, checkpoint.signature, checkpoint.publicKey, options.createdBy],
    );
    await tx.query(
      `INSERT INTO audit_checkpoint_heads (checkpoint_id, stream_id, version, head_hash)
       SELECT $1, u.stream_id, u.version, u.head_hash
         FROM unnest($2::text[], $3::int[], $4::text[]) AS u(stream_id, version, head_hash)`,
      [checkpoint.id, heads.map((h) => h.streamId), heads.map((h) => h.version), heads.map((h) => h.headHash)],
    );
    return { checkpoint, heads, created: true };
  });
}

export async function latestCheckpoint(db: EntityManager): Promise<StoredCheckpoint | null> {
  const rows: CheckpointRow[] = await db.query(
    'SELECT * FROM audit_checkpoints ORDER BY created_at DESC, id DESC LIMIT 1',
  );
  return rows[0] ? toCheckpoint(rows[0]) : null;
}

export async function checkpointHeads(db: EntityManager, checkpointId: string): Promise<StreamHead[]> {
  const rows: { stream_id: string; version: number; head_hash: string }[] = await db.query(
    'SELECT stream_id, version, head_hash FROM audit_checkpoint_heads WHERE checkpoint_id = $1',
    [checkpointId],
  );
  return sortedHeads(rows.map((r) => ({ streamId: r.stream_id, version: r.version, headHash: r.head_hash })));
}
