/**
 * The dashboard (lazy-loaded with Chart.js): workload per queue and per owner, open cases
 * by status and age, promise keeping by week, escalations by reason, time to acknowledgment
 * and to final response against the policy's target, compensation approved. Each chart has
 * its figures as a table too. Below them, for the roles that may read them, the reports over
 * the same window (reports/reports-section.tsx).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../api/client';
import { Field } from '../components/field';
import { Failure, Loading } from '../components/query-state';
import { dayStartInstant, localDay } from '../i18n/local-time';
import { useT } from '../i18n/locale';
import type { Dashboard } from './dashboard-types';
import { DashboardFigures } from './dashboard-figures';
import { ReportsSection } from './reports/reports-section';
import './dashboard.css';

const DAY_MS = 86_400_000;

export function DashboardPage() {
  const t = useT();
  const [from, setFrom] = useState(() => localDay(Date.now() - 90 * DAY_MS));
  const [to, setTo] = useState(() => localDay(Date.now()));
  const range = from && to ? { from: dayStartInstant(from), to: dayStartInstant(to, 1) } : null;
  const dashboard = useQuery({
    queryKey: ['dashboard', range?.from, range?.to],
    queryFn: () => api<Dashboard>(`/v1/dashboard${query(range ?? {})}`),
    enabled: range !== null,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

  return (
    <div className="dashboard">
      <h1>{t('dashboard.heading')}</h1>
      <form className="panel dashboard-window" aria-label={t('dashboard.window')} onSubmit={(event) => event.preventDefault()}>
        <Field label={t('dashboard.from')} path="query.from" error={dashboard.error}>
          {(props) => <input {...props} type="date" value={from} max={to} onChange={(event) => setFrom(event.target.value)} />}
        </Field>
        <Field label={t('dashboard.to')} path="query.to" error={dashboard.error}>
          {(props) => <input {...props} type="date" value={to} min={from} onChange={(event) => setTo(event.target.value)} />}
        </Field>
        <p className="hint" role="status">
          {dashboard.isFetching ? t('common.loading') : dashboard.data ? t('dashboard.coversThrough', { position: dashboard.data.coversThrough }) : ''}
        </p>
      </form>
      {dashboard.isPending ? <Loading /> : dashboard.isError && !dashboard.data ? <Failure error={dashboard.error} /> : dashboard.data ? <DashboardFigures figures={dashboard.data} /> : null}
      {range?.from && range.to ? <ReportsSection range={{ from: range.from, to: range.to }} lastDay={to} /> : null}
    </div>
  );
}
