/** Reads of cases from the projection and of their events from the store. */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ComplaintState, RecordedEvent } from '../../../../libs/domain/src';
import { loadComplaintEvents, possibleDuplicatesOf, readCaseState } from '../../../../libs/event-store/src';
import type { Principal } from '../auth/principal';
import { ProblemException } from '../problems/problem';
import { complaintIdSchema } from './complaint-requests';

@Injectable()
export class CaseReadsService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** The case, if it exists and this principal may see it (intake keys: only cases they filed). */
  async caseFor(principal: Principal, complaintId: string): Promise<ComplaintState> {
    const state = complaintIdSchema.safeParse(complaintId).success
      ? await readCaseState(this.db.manager, complaintId)
      : null;
    if (!state) throw new ProblemException('not-found', `no complaint with id ${complaintId}`);
    if (principal.role === 'intake' && state.filedBy !== principal.id) {
      throw new ProblemException('forbidden', 'an intake key may read only the complaints it filed');
    }
    return state;
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
}
