/** Compensation proposed on the case: what, how much, its status, who proposed and who decided, and why. */
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import { useLabel, useOwnerName } from './case-labels';
import type { CaseDetail } from './case-queries';

export function CompensationList({ complaint }: { complaint: CaseDetail }) {
  const t = useT();
  const format = useFormat();
  const label = useLabel();
  const who = useOwnerName();
  return (
    <section className="panel" aria-labelledby="compensation-heading">
      <h2 id="compensation-heading">{t('case.compensation')}</h2>
      {complaint.compensation.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul className="plain-list">
          {complaint.compensation.map((proposal) => (
            <li key={proposal.proposalId} className="card">
              <p>
                <strong>
                  {label('compensationType', proposal.type)} · {format.money(proposal.amount)}
                </strong>{' '}
                <span className={`badge ${proposal.status === 'rejected' ? 'danger' : proposal.status === 'approved' ? 'ok' : 'warning'}`}>
                  {label('compensationStatus', proposal.status)}
                </span>
                {proposal.goodwill ? <span className="badge">{t('case.goodwill')}</span> : null}
              </p>
              <p className="hint">{t('case.proposedBy', { who: who(proposal.proposedBy), at: format.dateTime(proposal.proposedAt) })}</p>
              <p dir="auto" className="customer-words quoted">{proposal.rationale}</p>
              {proposal.status === 'pending_approval' ? (
                <p className="hint">{t('case.awaitingDecision', { role: proposal.requiredRole, dueBy: format.dateTime(proposal.approvalDueBy) })}</p>
              ) : proposal.decidedBy ? (
                <>
                  <p className="hint">{t('case.decidedBy', { who: who(proposal.decidedBy), at: format.dateTime(proposal.decidedAt) })}</p>
                  {proposal.decisionReason ? <p dir="auto" className="customer-words quoted">{proposal.decisionReason}</p> : null}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
