/** Every promise made to the customer and what became of it: made, revised (with reasons), warned, kept or broken. */
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import type { CaseDetail } from './case-queries';

export function PromiseLedger({ complaint }: { complaint: CaseDetail }) {
  const t = useT();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="promises-heading">
      <h2 id="promises-heading">{t('case.promises')}</h2>
      {complaint.promises.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('case.promise.kind')}</th>
              <th scope="col">{t('case.promise.made')}</th>
              <th scope="col">{t('case.promise.dueBy')}</th>
              <th scope="col">{t('case.promise.state')}</th>
              <th scope="col">{t('case.promise.revisions')}</th>
            </tr>
          </thead>
          <tbody>
            {complaint.promises.map((promise) => (
              <tr key={promise.promiseId}>
                <td>{t('case.promise.kindName', { kind: promise.kind })}</td>
                <td>{format.dateTime(promise.madeAt)}</td>
                <td>{format.dateTime(promise.dueBy)}</td>
                <td>
                  <span className={`badge ${promise.status === 'broken' ? 'danger' : promise.status === 'kept' ? 'ok' : ''}`}>
                    {t('case.promise.status', { status: promise.status })}
                  </span>
                  {promise.warned ? <span className="badge warning">{t('case.promise.warned')}</span> : null}
                </td>
                <td>
                  {promise.revisions.length ? (
                    <ol className="plain-list">
                      {promise.revisions.map((revision) => (
                        <li key={revision.at}>
                          {t('case.promise.revision', { from: format.dateTime(revision.previousDueBy), to: format.dateTime(revision.dueBy), at: format.dateTime(revision.at) })}
                          <p dir="auto" className="customer-words quoted">{revision.reason}</p>
                        </li>
                      ))}
                    </ol>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
