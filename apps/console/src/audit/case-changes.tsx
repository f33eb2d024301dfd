/** What changed in the case between two instants: each field whose value differs, before → after. */
import { useIntl } from 'react-intl';
import type { CaseView } from '../api/types';
import { useT } from '../i18n/locale';
import { jsonChanges } from './json-diff';

/** fields whose values are statuses, shown in words */
const WORDED = /(?:^|\.)(?:status|closure)$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

export function CaseChanges({ before, after, heading }: { before: CaseView; after: CaseView; heading: string }) {
  const t = useT();
  const intl = useIntl();
  const changes = jsonChanges(before, after);
  const show = (value: unknown, path: string) => {
    if (value === null || value === undefined) return '—';
    if (typeof value === 'string' && WORDED.test(path)) return t('audit.term', { value });
    if (typeof value === 'string') return INSTANT.test(value) ? intl.formatDate(value, { dateStyle: 'medium', timeStyle: 'medium' }) : value;
    return JSON.stringify(value);
  };
  return (
    <div className="case-changes">
      <h4>{heading}</h4>
      {changes.length === 0 ? (
        <p>{t('audit.changes.none')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.changes.field')}</th>
              <th scope="col">{t('audit.changes.before')}</th>
              <th scope="col">{t('audit.changes.after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.path}>
                <th scope="row" className="mono">
                  {change.path}
                </th>
                <td className="change-value">{show(change.before, change.path)}</td>
                <td className="change-value">{show(change.after, change.path)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
