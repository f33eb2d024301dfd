/**
 * The regulator's complaints return (`GET /v1/reports/returns?period=`) of the half year that
 * holds the window's last day: a row per product group and the totals, whether the redress
 * reconciled with the approvals, and "Download CSV": the same return as the API writes it
 * (`Accept: text/csv`), fetched with the signed-in key as "Download dossier" does.
 */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { api, authorization } from '../../api/client';
import { ProblemError, type ProblemDetails } from '../../api/problem';
import { FormProblem } from '../../components/field';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/locale';
import { FiguresTable } from '../figures-table';
import type { ReturnsReport } from './report-types';
import { ReportPart } from './report-part';

const UNMAPPED_GROUP = '(unmapped)';

/** `2026H2` for a calendar day (YYYY-MM-DD) in July to December 2026. */
export function halfYearOf(day: string): string {
  const [year, month] = day.split('-');
  return `${year}H${Number(month) <= 6 ? 1 : 2}`;
}

const csvFile = (period: string) => `complaints-return-${period}.csv`;

async function downloadCsv(period: string): Promise<void> {
  const response = await fetch(`/v1/reports/returns?period=${encodeURIComponent(period)}`, { headers: { Accept: 'text/csv, application/problem+json', ...authorization() } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as ProblemDetails;
    throw new ProblemError({ ...problem, status: response.status });
  }
  const url = URL.createObjectURL(new Blob([await response.blob()], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = csvFile(period);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ReturnsPart({ period }: { period: string }) {
  const t = useT();
  const intl = useIntl();
  const format = useFormat();
  const report = useQuery({
    queryKey: ['reports', 'returns', period],
    queryFn: () => api<ReturnsReport>(`/v1/reports/returns?period=${encodeURIComponent(period)}`),
    placeholderData: keepPreviousData,
  });
  const download = useMutation({ mutationFn: () => downloadCsv(period) });
  const count = (value: number) => format.number(value);
  const [year, half] = [period.slice(0, 4), period.slice(4)];
  const upheld = (percent: number | null) => (percent === null ? '—' : intl.formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 2 }));
  const redress = (amounts: { minor: number; currency: string }[]) => (amounts.length === 0 ? '—' : amounts.map(format.money).join(', '));

  return (
    <ReportPart title={t('reports.returns', { half, year })} report={report}>
      {(figures) => (
        <>
          <p className="hint">{t('reports.returnsNote')}</p>
          <FiguresTable
            scroll
            caption={t('reports.returns', { half, year })}
            table={{
              columns: [
                t('reports.productGroup'),
                t('reports.opened'),
                t('reports.closed'),
                t('reports.within3Days'),
                t('reports.within8Weeks'),
                t('reports.after8Weeks'),
                t('reports.upheldPercent'),
                t('reports.redress'),
              ],
              rows: [
                ...figures.groups.map((group) => ({
                  key: group.productGroup,
                  label:
                    group.productGroup === UNMAPPED_GROUP ? (
                      <>
                        {t('reports.unmapped')} (<bdi>{group.categories.join(', ')}</bdi>)
                      </>
                    ) : (
                      <bdi>{group.productGroup}</bdi>
                    ),
                  row: group,
                })),
                { key: '(total)', label: <>{t('reports.total')}</>, row: figures.total },
              ].map(({ key, label, row }) => ({
                key,
                cells: [
                  label,
                  count(row.opened),
                  count(row.closed),
                  count(row.closedWithin3BusinessDays),
                  count(row.closedAfter3BusinessDaysWithin8Weeks),
                  count(row.closedAfter8Weeks),
                  upheld(row.upheldPercent),
                  redress(row.redress),
                ],
              })),
            }}
          />
          <p>
            {figures.reconciled
              ? t('reports.reconciled')
              : t('reports.notReconciled', {
                  currencies: figures.reconciliation
                    .filter((line) => !line.reconciled)
                    .map((line) => `${format.money({ minor: line.fromReportTables, currency: line.currency })} ≠ ${format.money({ minor: line.fromEvents, currency: line.currency })}`)
                    .join(', '),
                })}
          </p>
          <div aria-busy={download.isPending}>
            <button type="button" className="secondary" onClick={() => download.mutate()} disabled={download.isPending}>
              {t('reports.downloadCsv')}
            </button>
            <p role="status" className="hint">
              {download.isPending ? t('reports.csvPreparing') : download.isSuccess ? t('reports.csvSaved', { file: csvFile(period) }) : ''}
            </p>
            <FormProblem error={download.error} fields={[]} />
          </div>
        </>
      )}
    </ReportPart>
  );
}
