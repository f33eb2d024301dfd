/** Root causes (`GET /v1/reports/root-causes`): final responses by category, month and cause, recurring causes marked in words. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { api, query } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/locale';
import { FiguresTable } from '../figures-table';
import type { ReportRange, RootCausesReport } from './report-types';
import { ReportPart } from './report-part';

const NO_CAUSE = '(none)';

export function RootCausesPart({ range }: { range: ReportRange }) {
  const t = useT();
  const intl = useIntl();
  const format = useFormat();
  const report = useQuery({
    queryKey: ['reports', 'root-causes', range.from, range.to],
    queryFn: () => api<RootCausesReport>(`/v1/reports/root-causes${query({ ...range })}`),
    placeholderData: keepPreviousData,
  });
  const month = (yearMonth: string) => intl.formatDate(`${yearMonth}-01T00:00:00Z`, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const title = t('reports.rootCauses');

  return (
    <ReportPart title={title} report={report}>
      {(causes) => (
        <>
          <p className="hint">{t('reports.rootCausesNote', { count: causes.responses, threshold: causes.recurringCauseThreshold })}</p>
          {causes.causes.length === 0 ? (
            <p>{t('dashboard.empty')}</p>
          ) : (
            <FiguresTable
              scroll
              caption={title}
              table={{
                columns: [t('reports.category'), t('reports.month'), t('reports.cause'), t('reports.responses'), t('reports.recurring')],
                rows: causes.causes.map((row) => ({
                  key: `${row.category}:${row.month}:${row.cause}`,
                  cells: [
                    row.category,
                    month(row.month),
                    row.cause === NO_CAUSE ? (
                      t('reports.noCause')
                    ) : row.label ? (
                      <>
                        <bdi>{row.label}</bdi> (<bdi>{row.cause}</bdi>)
                      </>
                    ) : (
                      <bdi>{row.cause}</bdi>
                    ),
                    format.number(row.responses),
                    row.recurring ? <strong>{t('reports.recurringMark')}</strong> : '',
                  ],
                })),
              }}
            />
          )}
        </>
      )}
    </ReportPart>
  );
}
