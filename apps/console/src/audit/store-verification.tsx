/**
 * "Verify the whole store" (`GET /v1/audit/verification`): every chain, every stream head
 * and the latest signed checkpoint; it can take a while, so an indeterminate progress bar
 * shows while it runs.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { Failure } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import { CHECKPOINT_PROBLEM_KINDS, type Verification } from './audit-types';
import { ProblemList } from './problem-list';

export function StoreVerification() {
  const t = useT();
  const format = useFormat();
  const [asked, setAsked] = useState(false);
  const verification = useQuery({
    queryKey: ['audit', 'verification'],
    queryFn: () => api<Verification>('/v1/audit/verification'),
    enabled: asked,
    staleTime: 0,
  });
  const running = verification.isFetching;
  const result = verification.data;
  const checkpointProblems = result?.problems.filter((problem) => CHECKPOINT_PROBLEM_KINDS.includes(problem.kind)).length ?? 0;

  return (
    <section className="panel store-verification" aria-labelledby="store-verification-heading" aria-busy={running}>
      <h3 id="store-verification-heading">{t('audit.store.verification')}</h3>
      <button type="button" onClick={() => (asked ? void verification.refetch() : setAsked(true))} disabled={running}>
        {t('audit.store.verify')}
      </button>
      {running ? <progress aria-label={t('audit.store.running')} className="store-progress" /> : null}
      <div role="status">
        {running ? (
          <p>{t('audit.store.running')}</p>
        ) : verification.isError ? (
          <Failure error={verification.error} />
        ) : result ? (
          <>
            <p className={result.valid ? 'ok verdict' : 'error verdict'}>{result.valid ? t('audit.store.valid') : t('audit.store.invalid', { count: result.problemCount })}</p>
            <dl className="facts">
              <div>
                <dt>{t('audit.store.eventsChecked')}</dt>
                <dd>{format.number(result.eventsChecked)}</dd>
              </div>
              <div>
                <dt>{t('audit.store.streamsChecked')}</dt>
                <dd>{format.number(result.streamsChecked)}</dd>
              </div>
              <div>
                <dt>{t('audit.store.problems')}</dt>
                <dd>{format.number(result.problemCount)}</dd>
              </div>
              <div>
                <dt>{t('audit.store.checkpoint')}</dt>
                <dd>
                  {result.checkpoint === null
                    ? t('audit.store.noCheckpoint')
                    : t('audit.store.checkpointResult', { consistent: checkpointProblems === 0 ? 'yes' : 'no', at: format.dateTime(result.checkpoint.createdAt), count: checkpointProblems })}
                </dd>
              </div>
              <div>
                <dt>{t('audit.store.verifiedAt')}</dt>
                <dd>{format.dateTime(result.verifiedAt)}</dd>
              </div>
            </dl>
            {result.problems.length ? <ProblemList problems={result.problems} showStream /> : null}
            {result.problemsTruncated ? <p className="hint">{t('audit.store.truncated', { listed: result.problems.length, count: result.problemCount })}</p> : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
