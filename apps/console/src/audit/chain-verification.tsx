/** "Verify": checks this case's hash chain (`GET /v1/complaints/{id}/verification`) and shows "Chain valid" or every problem. */
import { caseKeys } from '../cases/case-queries';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { Failure } from '../components/query-state';
import { useT } from '../i18n/locale';
import type { Verification } from './audit-types';
import { ProblemList } from './problem-list';

export function ChainVerification({ id }: { id: string }) {
  const t = useT();
  const [asked, setAsked] = useState(false);
  const verification = useQuery({
    queryKey: [...caseKeys.detail(id), 'verification'],
    queryFn: () => api<Verification>(`/v1/complaints/${id}/verification`),
    enabled: asked,
    staleTime: 0,
  });

  return (
    <div className="panel chain-verification" aria-busy={verification.isFetching}>
      <button type="button" onClick={() => (asked ? void verification.refetch() : setAsked(true))} disabled={verification.isFetching}>
        {t('audit.verify')}
      </button>
      <div role="status">
        {verification.isFetching ? (
          <p>{t('audit.verify.running')}</p>
        ) : verification.isError ? (
          <Failure error={verification.error} />
        ) : verification.data ? (
          verification.data.valid ? (
            <>
              <p className="ok verdict">{t('audit.verify.valid')}</p>
              <p className="hint">{t('audit.verify.checked', { count: verification.data.eventsChecked })}</p>
            </>
          ) : (
            <>
              <p className="error verdict">{t('audit.verify.invalid', { count: verification.data.problemCount })}</p>
              <ProblemList problems={verification.data.problems} />
            </>
          )
        ) : null}
      </div>
    </div>
  );
}
