/**
 * The two kinds of chart the dashboard draws, mirrored for right-to-left languages (the
 * category axis runs from the right, legends and tooltips read right to left).
 */
import type { ChartOptions, Scale } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import { LOCALES, useLocale } from '../i18n/locale';
import './chart-setup';

export interface Series {
  label: string;
  data: (number | null)[];
  /** one colour, or one per bar */
  color: string | string[];
}

interface ChartProps {
  /** the accessible name of the canvas */
  name: string;
  labels: string[];
  series: Series[];
  /** how a value reads in tooltips and on the value axis */
  format(value: number): string;
  valueAxisTitle?: string;
}

const LABEL_LENGTH = 22;

function useDirection() {
  const { locale } = useLocale();
  return LOCALES[locale].dir === 'rtl';
}

function baseOptions(rtl: boolean, series: Series[], format: (value: number) => string) {
  return {
    locale: undefined,
    plugins: {
      legend: { display: series.length > 1, rtl, textDirection: rtl ? 'rtl' : 'ltr' },
      tooltip: {
        rtl,
        textDirection: rtl ? 'rtl' : 'ltr',
        callbacks: { label: (item: { dataset: { label?: string }; raw: unknown }) => `${item.dataset.label ?? ''}: ${format(Number(item.raw))}` },
      },
    },
  } as const;
}

export function BarChart({ name, labels, series, format, valueAxisTitle, horizontal = false, stacked = false }: ChartProps & { horizontal?: boolean; stacked?: boolean }) {
  const rtl = useDirection();
  const valueAxis = { beginAtZero: true, stacked, ticks: { callback: (value: string | number) => format(Number(value)) }, title: { display: Boolean(valueAxisTitle), text: valueAxisTitle } };
  const categoryAxis = {
    stacked,
    ticks: {
      autoSkip: false,
      // long labels (owners, escalation reasons) are shortened on the axis; the tooltip and the table give them whole
      callback(this: Scale, value: string | number) {
        const label = this.getLabelForValue(Number(value));
        return label.length > LABEL_LENGTH ? `${label.slice(0, LABEL_LENGTH - 1)}…` : label;
      },
    },
  };
  const options: ChartOptions<'bar'> = {
    ...baseOptions(rtl, series, format),
    indexAxis: horizontal ? 'y' : 'x',
    scales: horizontal
      ? { x: { ...valueAxis, reverse: rtl }, y: { ...categoryAxis, position: rtl ? 'right' : 'left' } }
      : { x: { ...categoryAxis, reverse: rtl }, y: { ...valueAxis, position: rtl ? 'right' : 'left' } },
  };
  return (
    <Bar
      role="img"
      aria-label={name}
      options={options}
      data={{ labels, datasets: series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color, borderColor: s.color, borderWidth: 1 })) }}
    />
  );
}

export function LineChart({ name, labels, series, format, valueAxisTitle, max }: ChartProps & { max?: number }) {
  const rtl = useDirection();
  const options: ChartOptions<'line'> = {
    ...baseOptions(rtl, series, format),
    spanGaps: false,
    scales: {
      x: { reverse: rtl },
      y: { beginAtZero: true, max, position: rtl ? 'right' : 'left', ticks: { callback: (value) => format(Number(value)) }, title: { display: Boolean(valueAxisTitle), text: valueAxisTitle } },
    },
  };
  return (
    <Line
      role="img"
      aria-label={name}
      options={options}
      data={{ labels, datasets: series.map((s) => ({ label: s.label, data: s.data, borderColor: s.color, backgroundColor: s.color, pointRadius: 4, borderWidth: 2 })) }}
    />
  );
}
