/**
 * Replay: a case rebuilt from its events alone with the domain reducer, as it stood at an
 * instant. "As it stood" is what had been recorded by then: the events up to the first
 * one recorded after `asOf` (a prefix of the stream, so the fold is always a real past).
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { foldEvents, type ComplaintState } from '../../../../libs/domain/src';
import { complaintStreamId, readStreamAsOf, toRecordedEvent } from '../../../../libs/event-store/src';
import type { Principal } from '../auth/principal';
import { CaseReadsService } from '../complaints/case-reads.service';
import { ProblemException } from '../problems/problem';

export interface Replay {
  state: ComplaintState;
  eventsApplied: number;
}

@Injectable()
export class ReplayService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CaseReadsService) private readonly reads: CaseReadsService,
  ) {}

  async replay(principal: Principal, complaintId: string, asOf: Date | undefined): Promise<Replay> {
    const current = await this.reads.caseFor(principal, complaintId);
    const events = await readStreamAsOf(this.db.manager, complaintStreamId(current.id), asOf);
    if (events.length === 0) {
      throw new ProblemException('not-found', `complaint ${complaintId} had not been recorded yet at ${asOf?.toISOString()}`);
    }
    return { state: foldEvents(events.map(toRecordedEvent)), eventsApplied: events.length };
  }
}
