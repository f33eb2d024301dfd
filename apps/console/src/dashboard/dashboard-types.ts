/**
 * `GET /v1/dashboard?from&to`, typed from the API's own service (type-only import): figures
 * computed from the store up to the global event position `coversThrough`.
 */
import type { DashboardFiguresService } from '../../../api/src/dashboard/dashboard-figures.service';

export type Dashboard = Awaited<ReturnType<DashboardFiguresService['figures']>>;
export type LatencySummary = Dashboard['timeToAcknowledge'];
