/**
 * Dates, times, durations and money in the viewer's locale and time zone, with Intl (via
 * react-intl's formatters, which cache the Intl objects).
 */
import { useIntl } from 'react-intl';

export interface Money {
  minor: number;
  currency: string;
}

export function useFormat() {
  const intl = useIntl();
  return {
    dateTime: (iso: string | null | undefined) => (iso ? intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }) : '—'),
    date: (iso: string | null | undefined) => (iso ? intl.formatDate(iso, { dateStyle: 'medium' }) : '—'),
    money: ({ minor, currency }: Money) => {
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
      return intl.formatNumber(minor / 10 ** digits, { style: 'currency', currency });
    },
    number: (value: number) => intl.formatNumber(value),
    percent: (value: number | null) => (value === null ? '—' : intl.formatNumber(value, { style: 'percent', maximumFractionDigits: 1 })),
    /** "in 3 hours", "2 days ago": the largest whole unit, relative to now */
    relative: (iso: string | null | undefined, now = Date.now()) => {
      if (!iso) return '—';
      const seconds = (Date.parse(iso) - now) / 1000;
      const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
      const [unit, size] = units.find(([, s]) => Math.abs(seconds) >= s) ?? ['second', 1];
      return intl.formatRelativeTime(Math.trunc(seconds / size), unit, { numeric: 'auto' });
    },
    duration: (ms: number | null | undefined) => {
      if (ms === null || ms === undefined) return '—';
      const hours = ms / 3_600_000;
      return hours >= 48
        ? intl.formatNumber(hours / 24, { style: 'unit', unit: 'day', maximumFractionDigits: 1, unitDisplay: 'long' })
        : hours >= 1
          ? intl.formatNumber(hours, { style: 'unit', unit: 'hour', maximumFractionDigits: 1, unitDisplay: 'long' })
          : intl.formatNumber(ms / 60_000, { style: 'unit', unit: 'minute', maximumFractionDigits: 0, unitDisplay: 'long' });
    },
  };
}
