/**
 * The Audit view (auditors; read-only): open a case by id or reference and examine its
 * chain, its events and its state at any instant; the latest signed checkpoint and a
 * verification of the whole store.
 */
import { useParams } from 'react-router';
import { useT } from '../i18n/locale';
import { useCan } from '../session/permissions';
import { CaseAudit } from './case-audit';
import { CaseFinder } from './case-finder';
import { LatestCheckpoint } from './latest-checkpoint';
import { StoreVerification } from './store-verification';
import './audit.css';

export function AuditPage() {
  const t = useT();
  const can = useCan();
  const { id } = useParams();
  return (
    <div className="audit">
      <h1>{t('audit.heading')}</h1>
      <CaseFinder current={id} />
      {id ? <CaseAudit key={id} id={id} /> : <p className="hint">{t('audit.chooseCase')}</p>}
      <section className="audit-store" aria-labelledby="audit-store-heading">
        <h2 id="audit-store-heading">{t('audit.store.heading')}</h2>
        <div className="grid">
          {can('GET /v1/audit/checkpoints/latest') ? <LatestCheckpoint /> : null}
          {can('GET /v1/audit/verification') ? <StoreVerification /> : null}
        </div>
      </section>
    </div>
  );
}
