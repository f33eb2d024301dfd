/**
 * The case rebuilt from its events alone at an instant ("As of", `GET …/replay?asOf=`), and
 * what changed between that instant and a second one (default: now).
 */
import { caseKeys } from '../cases/case-queries';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { api, query } from '../api/client';
import type { CaseView } from '../api/types';
import { Field, FormProblem } from '../components/field';
import { useT } from '../i18n/locale';
import { CaseChanges } from './case-changes';
import { CaseSnapshot } from './case-snapshot';
import { localInputToInstant } from '../i18n/local-time';

function useReplay(id: string, asOf: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...caseKeys.detail(id), 'replay', asOf ?? 'now'],
    queryFn: () => api<CaseView>(`/v1/complaints/${id}/replay${query({ asOf })}`),
    enabled,
    // "now" moves on; a past instant never changes
    staleTime: asOf ? Infinity : 0,
  });
}

export function CaseReplay({ id, receivedAt }: { id: string; receivedAt: string }) {
  const t = useT();
  const intl = useIntl();
  const [asOfText, setAsOfText] = useState('');
  const [comparedText, setComparedText] = useState('');
  const asOf = localInputToInstant(asOfText);
  const compared = localInputToInstant(comparedText);
  const before = useReplay(id, asOf, asOf !== null);
  const after = useReplay(id, compared, asOf !== null);
  const instant = (iso: string | null) => (iso ? intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'medium' }) : t('audit.replay.now'));

  return (
    <section className="panel case-replay" aria-labelledby="case-replay-heading">
      <h3 id="case-replay-heading">{t('audit.replay.heading')}</h3>
      <div className="instants">
        <Field label={t('audit.replay.asOf')} path="query.asOf" error={before.error} hint={t('audit.replay.asOfHint', { received: instant(receivedAt) })}>
          {(props) => <input {...props} type="datetime-local" step={1} value={asOfText} onChange={(event) => setAsOfText(event.target.value)} />}
        </Field>
        <Field label={t('audit.replay.comparedWith')} path="query.asOf" error={after.error} hint={t('audit.replay.comparedWithHint')}>
          {(props) => <input {...props} type="datetime-local" step={1} value={comparedText} onChange={(event) => setComparedText(event.target.value)} />}
        </Field>
      </div>
      {asOf === null ? null : (
        <div aria-live="polite" aria-busy={before.isFetching || after.isFetching}>
          <FormProblem error={before.error ?? after.error} fields={['query.asOf']} />
          {before.data ? <CaseSnapshot state={before.data} heading={t('audit.replay.asItStood', { instant: instant(asOf) })} /> : null}
          {before.data && after.data ? (
            <CaseChanges before={before.data} after={after.data} heading={t('audit.changes.heading', { from: instant(asOf), to: instant(compared) })} />
          ) : null}
        </div>
      )}
    </section>
  );
}
