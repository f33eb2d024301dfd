/**
 * One figure of the dashboard: a heading, the chart (a canvas with role="img" and the
 * figure's name) and the same figures as a table for screen readers and exact reading.
 */
import { useId, type ReactNode } from 'react';
import { useT } from '../i18n/locale';
import { FiguresTable, type FigureTable } from './figures-table';

export type { FigureTable } from './figures-table';

export function ChartCard({ title, note, table, children }: { title: string; note?: string; table: FigureTable; children: ReactNode }) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="panel chart-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {note ? <p className="hint">{note}</p> : null}
      {table.rows.length === 0 ? (
        <p>{t('dashboard.empty')}</p>
      ) : (
        <>
          <div className="chart-frame">{children}</div>
          <details>
            <summary>{t('dashboard.showTable')}</summary>
            <FiguresTable caption={title} table={table} />
          </details>
        </>
      )}
    </section>
  );
}
