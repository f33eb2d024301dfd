/** The final response sent (or refused by the correspondence checks) and what the customer answered. */
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import { useLabel, useOwnerName } from './case-labels';
import type { CaseDetail } from './case-queries';

export function FinalResponse({ complaint }: { complaint: CaseDetail }) {
  const t = useT();
  const format = useFormat();
  const label = useLabel();
  const who = useOwnerName();
  const { resolution, satisfaction, correspondenceRejections } = complaint;
  if (!resolution && !satisfaction && correspondenceRejections.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="final-response-heading">
      <h2 id="final-response-heading">{t('case.finalResponse')}</h2>
      {resolution ? (
        <>
          <p>
            {t('case.resolutionIssued', { outcome: label('outcome', resolution.outcome), who: who(resolution.issuedBy), at: format.dateTime(resolution.issuedAt) })}
          </p>
          <p dir="auto" className="customer-words quoted">{resolution.responseText}</p>
        </>
      ) : null}
      {satisfaction ? (
        <p>
          {t('case.satisfaction', { satisfied: satisfaction.satisfied ? 'yes' : 'no', score: satisfaction.score ?? 'none', at: format.dateTime(satisfaction.at) })}
        </p>
      ) : null}
      {satisfaction?.comment ? <p dir="auto" className="customer-words quoted">{satisfaction.comment}</p> : null}
      {correspondenceRejections.length ? (
        <>
          <h3>{t('case.refusedResponses')}</h3>
          <ul className="plain-list">
            {correspondenceRejections.map((rejection) => (
              <li key={rejection.attemptId}>
                <p className="hint">{t('case.refusedBy', { who: who(rejection.by), at: format.dateTime(rejection.at) })}</p>
                <ul>
                  {rejection.problems.map((problem) => (
                    <li key={`${problem.code}-${problem.message}`} dir="auto">
                      {problem.message}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
