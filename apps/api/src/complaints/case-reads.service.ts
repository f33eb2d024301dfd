/** Reads of cases from the projection and of their events from the store. */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { noticeLog, type CaseSummary, type ComplaintState, type NoticeRecord, type RecordedEvent } from '../../../../libs/domain/src';
import { loadComplaintEvents, possibleDuplicatesOf, readCaseState, readCaseSummary } from '../../../../libs/event-store/src';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../problems/problem';
import { complaintIdSchema } from './complaint-requests';

@Injectable()
export class CaseReadsService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The case, if it exists and this principal may see it (intake keys: only cases they filed). */
  caseFor(principal: Principal, complaintId: string): Promise<ComplaintState> {
    return this.visible(principal, complaintId, readCaseState);
  }

  /** The case without its lists (one row, no items read), on the same terms as `caseFor`. */
  summaryFor(principal: Principal, complaintId: string): Promise<CaseSummary> {
    return this.visible(principal, complaintId, readCaseSummary);
  }

  private async visible<T extends { filedBy: string }>(
    principal: Principal,
    complaintId: string,
    read: (db: EntityManager, complaintId: string) => Promise<T | null>,
  ): Promise<T> {
    const found = complaintIdSchema.safeParse(complaintId).success ? await read(this.db.manager, complaintId) : null;
    if (!found) throw new ProblemException('not-found', `no complaint with id ${complaintId}`);
    if (principal.role === 'intake' && found.filedBy !== principal.id) {
      throw new ProblemException('forbidden', 'an intake key may read only the complaints it filed');
    }
    return found;
  }

  possibleDuplicatesOf(complaintId: string): Promise<string[]> {
    return possibleDuplicatesOf(this.db.manager, complaintId);
  }

  /** The case's events after `afterPosition` up to `upToPosition` (what an action recorded). */
  eventsRecorded(complaintId: string, afterPosition: number, upToPosition: number): Promise<RecordedEvent[]> {
    return loadComplaintEvents(this.db.manager, complaintId, afterPosition, upToPosition);
  }

  async eventsOf(principal: Principal, complaintId: string): Promise<RecordedEvent[]> {
    const state = await this.caseFor(principal, complaintId);
    return loadComplaintEvents(this.db.manager, state.id);
  }

  /** What the customer of the case was told, oldest first, with each webhook's delivery. */
  async noticesOf(principal: Principal, complaintId: string): Promise<NoticeRecord[]> {
    return noticeLog(await this.eventsOf(principal, complaintId));
  }
}
