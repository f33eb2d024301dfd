/** The customer's compensation over the last 12 months: what was proposed on which case, and what became of it. */
import { Link } from 'react-router';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import type { ProposalSummary } from './approval-types';

export function CustomerHistory({ entries }: { entries: ProposalSummary[] }) {
  const t = useT();
  const format = useFormat();
  if (entries.length === 0) return <p className="hint">{t('approvals.history.none')}</p>;
  return (
    <table className="customer-history">
      <caption>{t('approvals.history.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('approvals.history.date')}</th>
          <th scope="col">{t('approvals.history.case')}</th>
          <th scope="col">{t('approvals.history.type')}</th>
          <th scope="col">{t('approvals.history.amount')}</th>
          <th scope="col">{t('approvals.history.status')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.proposalId}>
            <td>{format.date(entry.proposedAt)}</td>
            <td>
              <Link to={`/cases/${entry.complaintId}`}>{entry.reference}</Link>
            </td>
            <td>{t('approvals.type', { type: entry.type })}</td>
            <td>{format.money(entry.amount)}</td>
            <td>{t('approvals.proposalStatus', { status: entry.status })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
