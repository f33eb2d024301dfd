/** Signed checkpoints on demand, and the latest one, in the contract's shape. */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkpointHeads, createCheckpoint, latestCheckpoint, type StoredCheckpoint, type StreamHead } from '../../../../libs/audit-trail/src';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../problems/problem';
import { AUDIT_SIGNER, type AuditSigner } from './audit-signer.provider';

export function toCheckpointView(checkpoint: StoredCheckpoint, heads: StreamHead[]) {
  return {
    id: checkpoint.id,
    createdAt: checkpoint.createdAt,
    createdBy: checkpoint.createdBy,
    algorithm: 'Ed25519' as const,
    root: checkpoint.root,
    streamCount: checkpoint.streamCount,
    streams: heads,
    signature: checkpoint.signature,
    publicKey: checkpoint.publicKey,
  };
}
export type CheckpointView = ReturnType<typeof toCheckpointView>;

@Injectable()
export class CheckpointsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(AUDIT_SIGNER) private readonly signer: AuditSigner,
  ) {}

  async create(principal: Principal): Promise<CheckpointView> {
    if (!this.signer) {
      throw new ProblemException('audit-signing-unavailable', 'AUDIT_SIGNING_KEY is not configured: checkpoints cannot be signed');
    }
    const { checkpoint, heads } = await createCheckpoint(this.db, this.signer, { createdBy: principal.id });
    return toCheckpointView(checkpoint, heads);
  }

  async latest(): Promise<CheckpointView> {
    const checkpoint = await latestCheckpoint(this.db.manager);
    if (!checkpoint) throw new ProblemException('not-found', 'no checkpoint has been signed yet');
    return toCheckpointView(checkpoint, await checkpointHeads(this.db.manager, checkpoint.id));
  }
}
