/** The Dashboard view (`/console/dashboard`), loaded lazily with its charts. */
export { DashboardPage as Dashboard } from '../dashboard/dashboard-page';
