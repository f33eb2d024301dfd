/**
 * The approvals inbox (managers, directors): the pending compensation proposals, oldest
 * first, each in its own region with the case, the amount, the deadline, the viewer's limit,
 * the customer's history and — when the viewer may decide it — "Approve" / "Reject" with a
 * "Reason". A decision removes the proposal and is announced in the status line.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { Failure, Loading } from '../components/query-state';
import { useT } from '../i18n/locale';
import { approvalsQueryKey, type ApprovalInbox } from './approval-types';
import { ProposalCard } from './proposal-card';
import './approvals.css';

export function ApprovalsInbox() {
  const t = useT();
  const [announcement, setAnnouncement] = useState('');
  const inbox = useQuery({
    queryKey: approvalsQueryKey,
    queryFn: () => api<ApprovalInbox>('/v1/approvals?include=undecidable'),
    refetchInterval: 30_000,
  });

  return (
    <div className="approvals">
      <h1>{t('approvals.heading')}</h1>
      <p role="status" className="announcement">
        {announcement}
      </p>
      {inbox.isPending ? (
        <Loading />
      ) : inbox.isError ? (
        <Failure error={inbox.error} />
      ) : inbox.data.items.length === 0 ? (
        <p>{t('approvals.empty')}</p>
      ) : (
        <>
          <p className="hint">{t('approvals.count', { count: inbox.data.items.length })}</p>
          <ol className="approval-list">
            {inbox.data.items.map((item) => (
              <li key={item.proposalId}>
                <ProposalCard item={item} onDecided={setAnnouncement} />
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
