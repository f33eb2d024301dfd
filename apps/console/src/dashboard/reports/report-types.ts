/**
 * The reports the dashboard reads (`GET /v1/reports/…`), typed from the API's own service
 * (type-only import, as dashboard-types.ts does): each computed from events alone up to the
 * global event position `coversThrough`.
 */
import type { ReportsService } from '../../../../api/src/reports/reports.service';

export type PromisesReport = Awaited<ReturnType<ReportsService['promises']>>;
export type FairnessReport = Awaited<ReturnType<ReportsService['fairness']>>;
export type ReturnsReport = Awaited<ReturnType<ReportsService['returns']>>;
export type RootCausesReport = Awaited<ReturnType<ReportsService['rootCauses']>>;

export type FairnessGrouping = FairnessReport['by'];
export const FAIRNESS_GROUPINGS: readonly FairnessGrouping[] = ['segment', 'channel', 'language'];

/** the dashboard's window: instants, `to` exclusive */
export interface ReportRange {
  from: string;
  to: string;
}
