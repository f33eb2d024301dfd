/**
 * One part of the dashboard's reports: a heading, what it covers (the global event position
 * the report was computed through, as the dashboard's own status line says) and its figures
 * once the API answered.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { Failure } from '../../components/query-state';
import { useT } from '../../i18n/locale';

export function ReportPart<T extends { coversThrough: number }>({
  title,
  report,
  controls,
  children,
}: {
  title: string;
  report: UseQueryResult<T>;
  /** what chooses the report's figures (shown before them, kept while they reload) */
  controls?: ReactNode;
  children(data: T): ReactNode;
}) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="panel report-part" aria-labelledby={headingId} aria-busy={report.isFetching}>
      <h3 id={headingId}>{title}</h3>
      {controls}
      <p className="hint" role="status">
        {report.isFetching ? t('common.loading') : report.data ? t('dashboard.coversThrough', { position: report.data.coversThrough }) : ''}
      </p>
      {report.data ? children(report.data) : report.isError ? <Failure error={report.error} /> : null}
    </section>
  );
}
