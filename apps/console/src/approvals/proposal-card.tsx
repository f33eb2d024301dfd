/** One pending proposal: the case, the amount, who proposed it, its deadline, the viewer's limit, the customer's history, the decision. */
import { useId } from 'react';
import { Link } from 'react-router';
import { Countdown } from '../components/countdown';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import { useCan } from '../session/permissions';
import type { ApprovalItem } from './approval-types';
import { CustomerHistory } from './customer-history';
import { DecisionForm } from './decision-form';

export function ProposalCard({ item, onDecided }: { item: ApprovalItem; onDecided(message: string): void }) {
  const t = useT();
  const format = useFormat();
  const can = useCan();
  const headingId = useId();
  const mayDecide = can('POST /v1/complaints/{id}/compensation-proposals/{proposalId}/decision') && item.decidable;
  const amount = format.money(item.amount);
  const type = t('approvals.type', { type: item.type });

  return (
    <article className="panel proposal" aria-labelledby={headingId}>
      <header className="proposal-header">
        <h2 id={headingId}>{t('approvals.proposalHeading', { type, amount, reference: item.reference })}</h2>
        {item.goodwill ? <span className="badge">{t('approvals.goodwill')}</span> : null}
      </header>
      <dl className="facts">
        <div>
          <dt>{t('approvals.case')}</dt>
          <dd>
            <Link to={`/cases/${item.complaintId}`}>{item.reference}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('approvals.category')}</dt>
          <dd>{item.category}</dd>
        </div>
        <div>
          <dt>{t('approvals.severity')}</dt>
          <dd>{t('approvals.severityValue', { severity: item.severity })}</dd>
        </div>
        <div>
          <dt>{t('approvals.amount')}</dt>
          <dd>
            {amount} · {type}
          </dd>
        </div>
        <div>
          <dt>{t('approvals.proposed')}</dt>
          <dd>{t('approvals.proposedByAt', { by: item.proposedBy, at: format.dateTime(item.proposedAt) })}</dd>
        </div>
        <div>
          <dt>{t('approvals.decideBy')}</dt>
          <dd>
            <Countdown at={item.approvalDueBy} />
          </dd>
        </div>
        <div>
          <dt>{t('approvals.requiredRole')}</dt>
          <dd>{t('approvals.roleValue', { role: item.requiredRole })}</dd>
        </div>
        <div>
          <dt>{t('approvals.yourLimit', { currency: item.viewerLimit.currency })}</dt>
          <dd>
            {item.viewerLimit.minor === null
              ? t('approvals.noLimit')
              : format.money({ minor: item.viewerLimit.minor, currency: item.viewerLimit.currency })}
          </dd>
        </div>
      </dl>
      {item.summary ? <p className="customer-words proposal-summary">{item.summary}</p> : null}
      <CustomerHistory entries={item.customerHistory} />
      {mayDecide ? (
        <DecisionForm item={item} onDecided={onDecided} />
      ) : (
        <p className="not-decidable">{notDecidableText(t, item)}</p>
      )}
    </article>
  );
}

/** Why this viewer may not decide: our own words for the reasons we know, else the API's sentence. */
function notDecidableText(t: ReturnType<typeof useT>, item: ApprovalItem): string {
  const known: string[] = ['own-proposal', 'above-authority', 'below-rung'];
  if (item.notDecidableBecause && known.includes(item.notDecidableBecause)) {
    // ICU select keys cannot hold a hyphen
    return t('approvals.notDecidable', { because: item.notDecidableBecause.replaceAll('-', '_'), currency: item.amount.currency, role: t('approvals.roleValue', { role: item.requiredRole }) });
  }
  return item.notDecidableDetail ?? t('approvals.notDecidable', { because: 'other' });
}
