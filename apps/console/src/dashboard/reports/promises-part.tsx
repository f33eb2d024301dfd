/** Promises kept by month (`GET /v1/reports/promises?groupBy=month`): kept against broken as bars, every figure in the table. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { api, query } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/locale';
import { SERIES } from '../chart-setup';
import { BarChart } from '../charts';
import { FiguresTable } from '../figures-table';
import type { PromisesReport, ReportRange } from './report-types';
import { ReportPart } from './report-part';

export function PromisesPart({ range }: { range: ReportRange }) {
  const t = useT();
  const intl = useIntl();
  const format = useFormat();
  const report = useQuery({
    queryKey: ['reports', 'promises', range.from, range.to],
    queryFn: () => api<PromisesReport>(`/v1/reports/promises${query({ ...range, groupBy: 'month' })}`),
    placeholderData: keepPreviousData,
  });
  const count = (value: number) => format.number(value);
  // a month (YYYY-MM, in the policy's time zone) is a calendar month, shown as such wherever the viewer is
  const month = (yearMonth: string) => intl.formatDate(`${yearMonth}-01T00:00:00Z`, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const title = t('reports.promises');

  return (
    <ReportPart title={title} report={report}>
      {({ groups, total }) => (
        <>
          <p>{t('reports.promisesNote', { made: total.made, rate: format.percent(total.keepingRate) })}</p>
          {groups.length === 0 ? null : (
            <>
              <div className="chart-frame">
                <BarChart
                  name={title}
                  labels={groups.map((row) => month(row.group))}
                  series={[
                    { label: t('reports.kept'), data: groups.map((row) => row.kept), color: SERIES.ok },
                    { label: t('reports.broken'), data: groups.map((row) => row.broken), color: SERIES.danger },
                  ]}
                  format={count}
                />
              </div>
              <details>
                <summary>{t('dashboard.showTable')}</summary>
                <FiguresTable
                  caption={title}
                  table={{
                    columns: [t('reports.month'), t('reports.made'), t('reports.kept'), t('reports.revised'), t('reports.broken'), t('reports.open'), t('reports.keepingRate')],
                    rows: [
                      ...groups.map((row) => ({ key: row.group, label: month(row.group), figures: row })),
                      { key: '(total)', label: t('reports.total'), figures: total },
                    ].map(({ key, label, figures }) => ({
                      key,
                      cells: [label, count(figures.made), count(figures.kept), count(figures.revised), count(figures.broken), count(figures.open), format.percent(figures.keepingRate)],
                    })),
                  }}
                />
              </details>
            </>
          )}
        </>
      )}
    </ReportPart>
  );
}
