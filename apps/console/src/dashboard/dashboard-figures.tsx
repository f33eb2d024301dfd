/** The dashboard's charts, each with its figures as a table. */
import { useIntl } from 'react-intl';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import { ChartCard } from './chart-card';
import { SERIES } from './chart-setup';
import { BarChart, LineChart } from './charts';
import type { Dashboard, LatencySummary } from './dashboard-types';

export function DashboardFigures({ figures }: { figures: Dashboard }) {
  const t = useT();
  const intl = useIntl();
  const format = useFormat();
  const count = (value: number) => format.number(value);
  const { queues, owners } = figures.workload;
  const weeks = figures.promiseKeepingByWeek;
  const currencies = [...new Set(figures.compensationApproved.map((row) => row.currency))];
  const compensationTypes = [...new Set(figures.compensationApproved.map((row) => row.type))];
  const typeName = (type: string) => t('approvals.type', { type });
  // ICU select keys cannot hold a hyphen
  const ageBucket = (bucket: string) => t('dashboard.ageBucket', { bucket: bucket.replaceAll('-', '_') });
  const escalationReason = (reason: string) => t('dashboard.escalationReason', { reason: reason.replaceAll('-', '_') });
  // a week is a calendar date (YYYY-MM-DD), not an instant: shown as that date wherever the viewer is
  const week = (weekStart: string) => intl.formatDate(weekStart, { dateStyle: 'medium', timeZone: 'UTC' });

  return (
    <div className="dashboard-grid">
      <ChartCard
        title={t('dashboard.queues')}
        table={{ columns: [t('dashboard.queue'), t('dashboard.open')], rows: queues.map((row) => ({ key: row.queue, cells: [row.queue, count(row.open)] })) }}
      >
        <BarChart name={t('dashboard.queues')} labels={queues.map((row) => row.queue)} series={[{ label: t('dashboard.open'), data: queues.map((row) => row.open), color: SERIES.primary }]} format={count} />
      </ChartCard>

      <ChartCard
        title={t('dashboard.owners')}
        table={{
          columns: [t('dashboard.owner'), t('dashboard.open'), t('dashboard.atRisk'), t('dashboard.breached')],
          rows: owners.map((row) => ({ key: row.owner, cells: [row.owner, count(row.open), count(row.atRisk), count(row.breached)] })),
        }}
      >
        <BarChart
          name={t('dashboard.owners')}
          horizontal
          labels={owners.map((row) => row.owner)}
          series={[
            { label: t('dashboard.open'), data: owners.map((row) => row.open), color: SERIES.primary },
            { label: t('dashboard.atRisk'), data: owners.map((row) => row.atRisk), color: SERIES.warning },
            { label: t('dashboard.breached'), data: owners.map((row) => row.breached), color: SERIES.danger },
          ]}
          format={count}
        />
      </ChartCard>

      <ChartCard
        title={t('dashboard.byStatus')}
        table={{
          columns: [t('dashboard.status'), t('dashboard.cases')],
          rows: figures.openByStatus.map((row) => ({ key: row.status, cells: [t('audit.term', { value: row.status }), count(row.count)] })),
        }}
      >
        <BarChart
          name={t('dashboard.byStatus')}
          labels={figures.openByStatus.map((row) => t('audit.term', { value: row.status }))}
          series={[{ label: t('dashboard.cases'), data: figures.openByStatus.map((row) => row.count), color: SERIES.primary }]}
          format={count}
        />
      </ChartCard>

      <ChartCard
        title={t('dashboard.byAge')}
        table={{ columns: [t('dashboard.age'), t('dashboard.cases')], rows: figures.openByAge.map((row) => ({ key: row.bucket, cells: [ageBucket(row.bucket), count(row.count)] })) }}
      >
        <BarChart
          name={t('dashboard.byAge')}
          labels={figures.openByAge.map((row) => ageBucket(row.bucket))}
          series={[{ label: t('dashboard.cases'), data: figures.openByAge.map((row) => row.count), color: SERIES.neutral }]}
          format={count}
        />
      </ChartCard>

      <ChartCard
        title={t('dashboard.promiseKeeping')}
        table={{
          columns: [t('dashboard.week'), t('dashboard.kept'), t('dashboard.broken'), t('dashboard.rate')],
          rows: weeks.map((row) => ({ key: row.weekStart, cells: [week(row.weekStart), count(row.kept), count(row.broken), format.percent(row.rate)] })),
        }}
      >
        <LineChart
          name={t('dashboard.promiseKeeping')}
          labels={weeks.map((row) => week(row.weekStart))}
          series={[{ label: t('dashboard.rate'), data: weeks.map((row) => row.rate), color: SERIES.ok }]}
          format={(value) => format.percent(value)}
          max={1}
        />
      </ChartCard>

      <ChartCard
        title={t('dashboard.escalations')}
        table={{ columns: [t('dashboard.reason'), t('dashboard.escalationCount')], rows: figures.escalationsByReason.map((row) => ({ key: row.reason, cells: [escalationReason(row.reason), count(row.count)] })) }}
      >
        <BarChart
          name={t('dashboard.escalations')}
          horizontal
          labels={figures.escalationsByReason.map((row) => escalationReason(row.reason))}
          series={[{ label: t('dashboard.escalationCount'), data: figures.escalationsByReason.map((row) => row.count), color: SERIES.warning }]}
          format={count}
        />
      </ChartCard>

      <LatencyFigure title={t('dashboard.timeToAcknowledge')} summary={figures.timeToAcknowledge} />
      <LatencyFigure title={t('dashboard.timeToFinalResponse')} summary={figures.timeToFinalResponse} />

      <ChartCard
        title={t('dashboard.compensation')}
        note={currencies.length > 1 ? t('dashboard.compensationNote') : undefined}
        table={{
          columns: [t('dashboard.compensationType'), t('dashboard.currency'), t('dashboard.approvedCount'), t('dashboard.approvedAmount')],
          rows: figures.compensationApproved.map((row) => ({
            key: `${row.type}:${row.currency}`,
            cells: [typeName(row.type), row.currency, count(row.count), format.money({ minor: row.minor, currency: row.currency })],
          })),
        }}
      >
        <BarChart
          name={t('dashboard.compensation')}
          labels={compensationTypes.map(typeName)}
          series={currencies.map((currency, index) => ({
            label: currency,
            data: compensationTypes.map((type) => majorUnits(figures.compensationApproved.find((row) => row.type === type && row.currency === currency)?.minor ?? 0, currency)),
            color: [SERIES.primary, SERIES.ok, SERIES.warning, SERIES.neutral][index % 4]!,
          }))}
          // one currency: the axis reads in it; several: the legend names each bar's currency
          format={currencies.length === 1 ? (value) => intl.formatNumber(value, { style: 'currency', currency: currencies[0]!, maximumFractionDigits: 0 }) : count}
        />
      </ChartCard>
    </div>
  );
}

function majorUnits(minor: number, currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return minor / 10 ** digits;
}

type TimeUnit = 'second' | 'minute' | 'hour' | 'day';
const UNIT_MS: Record<TimeUnit, number> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Median and 90th percentile against the policy's target, in the unit that suits their size. */
function LatencyFigure({ title, summary }: { title: string; summary: LatencySummary }) {
  const t = useT();
  const intl = useIntl();
  const largest = Math.max(summary.medianMs ?? 0, summary.p90Ms ?? 0, summary.targetMs ?? 0);
  const unit = (['day', 'hour', 'minute'] as const).find((candidate) => largest >= 2 * UNIT_MS[candidate]) ?? 'second';
  const inUnit = (ms: number) => ms / UNIT_MS[unit];
  const show = (value: number) => intl.formatNumber(value, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
  const measures = [
    { key: 'median', label: t('dashboard.median'), ms: summary.medianMs, color: SERIES.primary },
    { key: 'p90', label: t('dashboard.p90'), ms: summary.p90Ms, color: SERIES.warning },
    { key: 'target', label: t('dashboard.target'), ms: summary.targetMs, color: SERIES.neutral },
  ];
  return (
    <ChartCard
      title={title}
      note={summary.count ? t('dashboard.latencyNote', { count: summary.count }) : undefined}
      table={{
        columns: [t('dashboard.measure'), t('dashboard.duration')],
        rows: summary.count === 0 ? [] : measures.map((measure) => ({ key: measure.key, cells: [measure.label, measure.ms === null ? '—' : show(inUnit(measure.ms))] })),
      }}
    >
      <BarChart
        name={title}
        labels={measures.map((measure) => measure.label)}
        series={[{ label: title, data: measures.map((measure) => (measure.ms === null ? null : inUnit(measure.ms))), color: measures.map((measure) => measure.color) }]}
        format={show}
      />
    </ChartCard>
  );
}
