/**
 * The case dossier (libs/audit-trail/src/verification/dossier.ts): read in one consistent
 * snapshot, so the events, the recorded head and the checkpoint agree with each other.
 * Its events and its case come from the stored canonical texts, through the same
 * functions the offline verifier recomputes them with.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  checkpointHeads,
  latestCheckpoint,
  DOSSIER_CHAIN_RULE,
  DOSSIER_FORMAT,
  dossierCase,
  dossierEvent,
  type Dossier,
  type DossierCheckpoint,
  headInclusion,
} from '../../../../libs/audit-trail/src';
import { complaintStreamId, GENESIS_HASH, readStream } from '../../../../libs/event-store/src';
import type { Principal } from '../auth/principal';
import { CaseReadsService } from '../complaints/case-reads.service';

@Injectable()
export class DossierService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CaseReadsService) private readonly reads: CaseReadsService,
  ) {}

  async export(principal: Principal, complaintId: string): Promise<Dossier> {
    const current = await this.reads.caseFor(principal, complaintId);
    const streamId = complaintStreamId(current.id);
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const stored = await readStream(tx, streamId);
      const [head]: { version: number; head_hash: string }[] = await tx.query(
        'SELECT version, head_hash FROM streams WHERE stream_id = $1',
        [streamId],
      );
      const events = stored.map((e) => dossierEvent(e.canonical, e.hash));
      const state = dossierCase(events);
      return {
        format: DOSSIER_FORMAT,
        exportedAt: new Date().toISOString(),
        exportedBy: { principal: principal.id, role: principal.role },
        complaintId: current.id,
        streamId,
        policyVersion: state.policyVersion,
        policy: await this.policy(tx, state.policyVersion),
        case: state,
        events,
        chain: {
          hash: DOSSIER_CHAIN_RULE,
          genesis: GENESIS_HASH,
          version: head?.version ?? 0,
          headHash: head?.head_hash ?? GENESIS_HASH,
        },
        checkpoint: await this.checkpoint(tx, streamId),
      };
    });
  }

  private async policy(tx: EntityManager, version: string): Promise<Dossier['policy']> {
    const [row]: { version: string; fingerprint: string; document: unknown }[] = await tx.query(
      'SELECT version, fingerprint, document FROM policies WHERE version = $1',
      [version],
    );
    return row ? { version: row.version, fingerprint: row.fingerprint, document: row.document } : null;
  }

  /** The latest checkpoint with this stream's head and its inclusion proof; null if it does not cover the stream. */
  private async checkpoint(tx: EntityManager, streamId: string): Promise<DossierCheckpoint | null> {
    const checkpoint = await latestCheckpoint(tx);
    if (!checkpoint) return null;
    const inclusion = headInclusion(await checkpointHeads(tx, checkpoint.id), streamId);
    if (!inclusion) return null;
    return {
      id: checkpoint.id,
      createdAt: checkpoint.createdAt,
      root: checkpoint.root,
      streamCount: checkpoint.streamCount,
      algorithm: 'Ed25519',
      signature: checkpoint.signature,
      publicKey: checkpoint.publicKey,
      head: inclusion.head,
      leafIndex: inclusion.leafIndex,
      proof: inclusion.proof,
    };
  }
}
