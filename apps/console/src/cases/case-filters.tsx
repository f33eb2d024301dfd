/**
 * The list's filters, the API's own (status, owner, owner kind, breached, segment, received
 * from/to), as a form whose values live in the URL's search params. Dates are days in the
 * viewer's zone: "to" includes its whole day.
 */
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { dayStartInstant } from '../i18n/local-time';
import { useT } from '../i18n/locale';
import { useLabel } from './case-labels';

const STATUSES = ['received', 'acknowledged', 'investigating', 'awaiting_customer', 'awaiting_approval', 'resolved', 'closed'] as const;
const FILTERS = ['status', 'owner', 'ownerKind', 'breached', 'segment', 'from', 'to'] as const;

/** The search params as the API's query. */
export function toApiFilters(params: URLSearchParams) {
  return {
    status: params.get('status') ?? undefined,
    owner: params.get('owner') ?? undefined,
    ownerKind: params.get('ownerKind') ?? undefined,
    breached: params.get('breached') ?? undefined,
    segment: params.get('segment') ?? undefined,
    from: dayStartInstant(params.get('from')),
    to: dayStartInstant(params.get('to'), 1),
  };
}

export function CaseFilters() {
  const t = useT();
  const label = useLabel();
  const [params, setParams] = useSearchParams();

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    setParams(next);
  }

  return (
    <form className="case-filters" aria-label={t('cases.filters')} onSubmit={apply}>
      <label>
        {t('cases.filter.status')}
        <select name="status" defaultValue={params.get('status') ?? ''}>
          <option value="">{t('cases.filter.any')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {label('status', status)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('cases.filter.owner')}
        <input name="owner" defaultValue={params.get('owner') ?? ''} autoComplete="off" />
      </label>
      <label>
        {t('cases.filter.ownerKind')}
        <select name="ownerKind" defaultValue={params.get('ownerKind') ?? ''}>
          <option value="">{t('cases.filter.any')}</option>
          <option value="queue">{t('cases.filter.queue')}</option>
          <option value="person">{t('cases.filter.person')}</option>
        </select>
      </label>
      <label>
        {t('cases.filter.breached')}
        <select name="breached" defaultValue={params.get('breached') ?? ''}>
          <option value="">{t('cases.filter.any')}</option>
          <option value="true">{t('cases.filter.breachedOnly')}</option>
          <option value="false">{t('cases.filter.notBreached')}</option>
        </select>
      </label>
      <label>
        {t('cases.filter.segment')}
        <input name="segment" defaultValue={params.get('segment') ?? ''} autoComplete="off" />
      </label>
      <label>
        {t('cases.filter.from')}
        <input type="date" name="from" defaultValue={params.get('from') ?? ''} />
      </label>
      <label>
        {t('cases.filter.to')}
        <input type="date" name="to" defaultValue={params.get('to') ?? ''} />
      </label>
      <div className="filter-buttons">
        <button type="submit">{t('cases.filter.apply')}</button>
        <button type="button" className="secondary" onClick={() => setParams(new URLSearchParams())}>
          {t('cases.filter.clear')}
        </button>
      </div>
    </form>
  );
}
