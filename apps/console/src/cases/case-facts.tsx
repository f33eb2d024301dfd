/** Who complained, how, about what, and where the case stands: status, owner, a pending handoff, escalations. */
import { Link } from 'react-router';
import { Countdown } from '../components/countdown';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import { useLabel, useOwnerName } from './case-labels';
import { useCase, type CaseDetail } from './case-queries';

export function CaseFacts({ complaint }: { complaint: CaseDetail }) {
  const t = useT();
  const format = useFormat();
  const label = useLabel();
  const owner = useOwnerName();
  const { customer } = complaint;
  return (
    <section className="panel" aria-labelledby="facts-heading">
      <h2 id="facts-heading">{t('case.facts')}</h2>
      <dl className="facts">
        <dt>{t('case.status')}</dt>
        <dd>
          {label('status', complaint.status)}
          {complaint.closure ? ` (${label('closure', complaint.closure)})` : null}
          {complaint.breached ? <span className="badge danger">{t('cases.breached')}</span> : null}
        </dd>
        <dt>{t('case.customer')}</dt>
        <dd>
          <span dir="auto">{customer.name ?? customer.id}</span>
          <span className="hint"> {t('case.customerId', { id: customer.id })}</span>
          {customer.email ? (
            <div>
              <bdi>{customer.email}</bdi>
            </div>
          ) : null}
          {customer.phone ? (
            <div>
              <bdi dir="ltr">{customer.phone}</bdi>
            </div>
          ) : null}
        </dd>
        {customer.segment ? (
          <>
            <dt>{t('case.segment')}</dt>
            <dd>
              <bdi>{customer.segment}</bdi>
            </dd>
          </>
        ) : null}
        {customer.language ? (
          <>
            <dt>{t('case.language')}</dt>
            <dd>{customer.language}</dd>
          </>
        ) : null}
        <dt>{t('case.channel')}</dt>
        <dd>{label('channel', complaint.channel)}</dd>
        <dt>{t('case.category')}</dt>
        <dd>{complaint.category}</dd>
        <dt>{t('case.severity')}</dt>
        <dd>{label('severity', complaint.severity)}</dd>
        <dt>{t('case.received')}</dt>
        <dd>{format.dateTime(complaint.receivedAt)}</dd>
        <dt>{t('case.owner')}</dt>
        <dd>{owner(complaint.owner)}</dd>
        {complaint.pendingHandoff ? (
          <>
            <dt>{t('case.pendingHandoff')}</dt>
            <dd>
              {t('case.handoffTo', { from: owner(complaint.pendingHandoff.from), to: owner(complaint.pendingHandoff.to) })}{' '}
              <span className="hint">
                {t('case.handoffExpires')} <Countdown at={complaint.pendingHandoff.expiresAt} />
              </span>
            </dd>
          </>
        ) : null}
        <dt>{t('case.escalationLevel')}</dt>
        <dd>{complaint.escalationLevel}</dd>
        {complaint.possibleDuplicateOf ? (
          <>
            <dt>{t('case.possibleDuplicateOf')}</dt>
            <dd>
              <CaseLink id={complaint.possibleDuplicateOf} />
            </dd>
          </>
        ) : null}
        {complaint.mergedInto ? (
          <>
            <dt>{t('case.mergedInto')}</dt>
            <dd>
              <CaseLink id={complaint.mergedInto} />
            </dd>
          </>
        ) : null}
        {complaint.possibleDuplicates?.length ? (
          <>
            <dt>{t('case.possibleDuplicates')}</dt>
            <dd>
              <ul className="plain-list">
                {complaint.possibleDuplicates.map((duplicate) => (
                  <li key={duplicate}>
                    <CaseLink id={duplicate} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t('case.policyVersion')}</dt>
        <dd className="mono">{complaint.policyVersion}</dd>
      </dl>
      {complaint.escalations.length ? (
        <>
          <h3>{t('case.escalations')}</h3>
          <ol className="plain-list">
            {complaint.escalations.map((escalation) => (
              <li key={`${escalation.at}-${escalation.toLevel}`}>
                {t('case.escalation', {
                  fromLevel: escalation.fromLevel,
                  toLevel: escalation.toLevel,
                  role: escalation.role,
                  reason: label('escalationReason', escalation.reason),
                  at: format.dateTime(escalation.at),
                })}
                {escalation.note ? <p dir="auto" className="customer-words quoted">{escalation.note}</p> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

/** Another case, named by its reference once it has loaded. */
function CaseLink({ id }: { id: string }) {
  const { data } = useCase(id);
  return <Link to={`/cases/${id}`}>{data?.reference ?? id}</Link>;
}
