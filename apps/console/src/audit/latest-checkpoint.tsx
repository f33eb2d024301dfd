/** The latest signed checkpoint (`GET /v1/audit/checkpoints/latest`): id, when, the Merkle root, the signature and the public key. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { ProblemError } from '../api/problem';
import { Failure, Loading } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import type { CheckpointView } from './audit-types';

export function LatestCheckpoint() {
  const t = useT();
  const format = useFormat();
  const checkpoint = useQuery({
    queryKey: ['audit', 'checkpoints', 'latest'],
    queryFn: () => api<CheckpointView>('/v1/audit/checkpoints/latest'),
  });
  const none = checkpoint.error instanceof ProblemError && checkpoint.error.problem.status === 404;

  return (
    <section className="panel checkpoint" aria-labelledby="checkpoint-heading">
      <h3 id="checkpoint-heading">{t('audit.checkpoint.heading')}</h3>
      {checkpoint.isPending ? (
        <Loading />
      ) : none ? (
        <p>{t('audit.checkpoint.none')}</p>
      ) : checkpoint.isError ? (
        <Failure error={checkpoint.error} />
      ) : (
        <dl className="facts stacked">
          <div>
            <dt>{t('audit.checkpoint.id')}</dt>
            <dd className="mono">{checkpoint.data.id}</dd>
          </div>
          <div>
            <dt>{t('audit.checkpoint.createdAt')}</dt>
            <dd>
              {t('audit.checkpoint.createdAtBy', { at: format.dateTime(checkpoint.data.createdAt), by: checkpoint.data.createdBy, streams: checkpoint.data.streamCount })}
            </dd>
          </div>
          <div>
            <dt>{t('audit.checkpoint.root')}</dt>
            <dd className="mono">{checkpoint.data.root}</dd>
          </div>
          <div>
            <dt>{t('audit.checkpoint.signature', { algorithm: checkpoint.data.algorithm })}</dt>
            <dd className="mono">{checkpoint.data.signature}</dd>
          </div>
          <div>
            <dt>{t('audit.checkpoint.publicKey')}</dt>
            <dd>
              <pre className="mono">{checkpoint.data.publicKey}</pre>
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
