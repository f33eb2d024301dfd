/**
 * The reports, each computed from the report tables (events alone, folded by the report
 * projector) in one snapshot, with the events it covers (`coversThrough`: the highest global
 * event position folded; `eventsCovered`).
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { recurringCauseThreshold, returnPeriod } from '../../../../libs/domain/src';
import { reportCoverage } from '../../../../libs/event-store/src';
import { ACTIVE_POLICY, type ActivePolicy } from '../config/tokens';
import { fairnessThresholds, type FairnessGrouping } from './fairness-judgement';
import { fairnessReport } from './fairness-report';
import { outcomesReport } from './outcomes-report';
import { promisesReport, type PromiseGrouping } from './promises-report';
import type { ReportWindow } from './report-window';
import { candidatePolicy, whatIfReport } from './what-if-report';
import { returnsReport } from './returns-report';
import { rootCausesReport } from './root-causes-report';

@Injectable()
export class ReportsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ACTIVE_POLICY) private readonly active: ActivePolicy,
  ) {}

  private covered<T extends object>(window: ReportWindow, compute: (tx: EntityManager) => Promise<T>) {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const coverage = await reportCoverage(tx);
      return { from: window.from, to: window.to, coversThrough: coverage.coversThrough, eventsCovered: coverage.events, ...(await compute(tx)) };
    });
  }

  promises(window: ReportWindow, groupBy: PromiseGrouping) {
    return this.covered(window, (tx) => promisesReport(tx, window, groupBy, this.active.policy.calendar.timeZone));
  }

  fairness(window: ReportWindow, by: FairnessGrouping) {
    return this.covered(window, (tx) => fairnessReport(tx, window, by, fairnessThresholds(this.active.policy)));
  }

  outcomes(window: ReportWindow) {
    return this.covered(window, (tx) => outcomesReport(tx, window));
  }

  /** Replays the window's cases under the candidate policy; reads only (a read-only transaction). */
  whatIf(window: ReportWindow, policy: unknown) {
    const candidate = candidatePolicy(policy);
    const replayWindow = { from: new Date(window.from), to: new Date(window.to), now: new Date() };
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      const coverage = await reportCoverage(tx);
      const report = await whatIfReport(tx, candidate, this.active.policy.version, replayWindow);
      return { from: window.from, to: window.to, coversThrough: coverage.coversThrough, eventsCovered: coverage.events, ...report };
    });
  }

  /** The complaints return of a half year (`2026H2`), in the active policy's time zone, product groups and calendar. */
  returns(period: string) {
    const { policy, calendar } = this.active;
    const window = returnPeriod(period, calendar.timeZone);
    return this.covered(window, (tx) => returnsReport(tx, window, policy.returns?.productGroups ?? {}, calendar));
  }

  rootCauses(window: ReportWindow) {
    const { policy, calendar } = this.active;
    return this.covered(window, (tx) => rootCausesReport(tx, window, calendar.timeZone, policy.rootCauses ?? [], recurringCauseThreshold(policy)));
  }
}
