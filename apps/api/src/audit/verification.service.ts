/** Verification of one case's chain or of the whole store, against the latest signed checkpoint. */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { verifyStore, type StoreVerification } from '../../../../libs/audit-trail/src';
import { complaintStreamId } from '../../../../libs/event-store/src';
import type { Principal } from '../auth/principal';
import { CaseReadsService } from '../complaints/case-reads.service';
import { AUDIT_SIGNER, trustedKey, type AuditSigner } from './audit-signer.provider';

@Injectable()
export class VerificationService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CaseReadsService) private readonly reads: CaseReadsService,
    @Inject(AUDIT_SIGNER) private readonly signer: AuditSigner,
  ) {}

  async verifyCase(principal: Principal, complaintId: string): Promise<StoreVerification> {
    const state = await this.reads.caseFor(principal, complaintId);
    return verifyStore(this.db, { trustedKey: trustedKey(this.signer), streamId: complaintStreamId(state.id) });
  }

  verifyStore(): Promise<StoreVerification> {
    return verifyStore(this.db, { trustedKey: trustedKey(this.signer) });
  }
}
