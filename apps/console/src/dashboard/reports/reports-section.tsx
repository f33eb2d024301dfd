/**
 * The dashboard's reports, below its charts, over the same window: promises kept by month,
 * fairness, the regulator's return of the half year holding the window's last day, root
 * causes. Shown only to the roles the API lets read them (`x-roles` of each report route):
 * an agent on the dashboard sees none of it.
 */
import { useId } from 'react';
import { useT } from '../../i18n/locale';
import { useCan } from '../../session/permissions';
import { FairnessPart } from './fairness-part';
import { PromisesPart } from './promises-part';
import type { ReportRange } from './report-types';
import { halfYearOf, ReturnsPart } from './returns-part';
import { RootCausesPart } from './root-causes-part';
import './reports.css';

/** `range`: the dashboard's window (instants); `lastDay`: its last calendar day (YYYY-MM-DD) */
export function ReportsSection({ range, lastDay }: { range: ReportRange; lastDay: string }) {
  const t = useT();
  const can = useCan();
  const headingId = useId();
  const parts = {
    promises: can('GET /v1/reports/promises'),
    fairness: can('GET /v1/reports/fairness'),
    returns: can('GET /v1/reports/returns'),
    rootCauses: can('GET /v1/reports/root-causes'),
  };
  if (!Object.values(parts).some(Boolean)) return null;
  return (
    <section className="dashboard-reports" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('reports.heading')}</h2>
      <p className="hint">{t('reports.intro')}</p>
      {parts.promises ? <PromisesPart range={range} /> : null}
      {parts.fairness ? <FairnessPart range={range} /> : null}
      {parts.returns ? <ReturnsPart period={halfYearOf(lastDay)} /> : null}
      {parts.rootCauses ? <RootCausesPart range={range} /> : null}
    </section>
  );
}
