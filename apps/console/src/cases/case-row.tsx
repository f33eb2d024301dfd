/** One case in the list: its reference (the link to it), the customer's summary, status, owner and deadlines, with breached and at-risk badges. */
import { Link } from 'react-router';
import type { CaseView } from '../api/types';
import { Countdown } from '../components/countdown';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import { useLabel, useOwnerName } from './case-labels';
import { pendingDeadlines } from './case-deadlines';

export function CaseRow({ complaint }: { complaint: CaseView }) {
  const t = useT();
  const format = useFormat();
  const label = useLabel();
  const owner = useOwnerName();
  const next = pendingDeadlines(complaint)[0];
  // the API says which (libs/domain: a promise past the policy's warning point, still open)
  const atRisk = !complaint.breached && complaint.atRisk;
  const resolutionPending = complaint.status !== 'closed' && complaint.resolution === null;
  return (
    <tr className={complaint.breached ? 'breached' : atRisk ? 'at-risk' : undefined}>
      <th scope="row">
        <Link to={`/cases/${complaint.id}`}>{complaint.reference}</Link>
        <div>
          {complaint.breached ? <span className="badge danger">{t('cases.breached')}</span> : null}
          {atRisk ? <span className="badge warning">{t('cases.atRisk')}</span> : null}
        </div>
      </th>
      <td>
        <span dir="auto" className="customer-words">{complaint.summary}</span>
        <div className="hint">
          <span dir="auto">{complaint.customer.name ?? complaint.customer.id}</span> · {complaint.category} · {label('severity', complaint.severity)}
        </div>
      </td>
      <td>{label('status', complaint.status)}</td>
      <td>{owner(complaint.owner)}</td>
      <td>
        {next ? (
          <>
            <div className="hint">{t(`case.deadline.${next.name}`)}</div>
            <Countdown at={next.at} />
          </>
        ) : (
          '—'
        )}
      </td>
      <td>{resolutionPending ? <Countdown at={complaint.promisedResolutionBy} /> : format.date(complaint.promisedResolutionBy)}</td>
      <td>
        <time dateTime={complaint.receivedAt}>{format.dateTime(complaint.receivedAt)}</time>
      </td>
    </tr>
  );
}
