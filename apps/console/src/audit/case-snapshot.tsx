/** The case as a replay rebuilt it: status, owner, escalation level, deadlines, promises and compensation. */
import type { CaseView } from '../api/types';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';

export function CaseSnapshot({ state, heading }: { state: CaseView; heading: string }) {
  const t = useT();
  const format = useFormat();
  const deadlines = Object.entries(state.deadlines ?? {}) as [string, string][];
  return (
    <div className="case-snapshot">
      <h4>{heading}</h4>
      <dl className="facts">
        <div>
          <dt>{t('audit.snapshot.status')}</dt>
          <dd>
            {t('audit.term', { value: state.status })}
            {state.closure ? ` (${t('audit.term', { value: state.closure })})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('audit.snapshot.owner')}</dt>
          <dd>{state.owner}</dd>
        </div>
        <div>
          <dt>{t('audit.snapshot.escalationLevel')}</dt>
          <dd>{state.escalationLevel}</dd>
        </div>
        <div>
          <dt>{t('audit.snapshot.events')}</dt>
          <dd>{state.version}</dd>
        </div>
        {deadlines.map(([name, at]) => (
          <div key={name}>
            <dt>{t('audit.deadline', { name })}</dt>
            <dd>{format.dateTime(at)}</dd>
          </div>
        ))}
      </dl>
      <table>
        <caption>{t('audit.snapshot.promises')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.snapshot.promiseKind')}</th>
            <th scope="col">{t('audit.snapshot.dueBy')}</th>
            <th scope="col">{t('audit.snapshot.state')}</th>
          </tr>
        </thead>
        <tbody>
          {state.promises.map((promise) => (
            <tr key={promise.promiseId}>
              <td>{t('audit.promiseKind', { kind: promise.kind })}</td>
              <td>{format.dateTime(promise.dueBy)}</td>
              <td>{t('audit.term', { value: promise.status })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {state.compensation.length ? (
        <table>
          <caption>{t('audit.snapshot.compensation')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.snapshot.compensationType')}</th>
              <th scope="col">{t('audit.snapshot.amount')}</th>
              <th scope="col">{t('audit.snapshot.state')}</th>
              <th scope="col">{t('audit.snapshot.proposedBy')}</th>
              <th scope="col">{t('audit.snapshot.decidedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {state.compensation.map((proposal) => (
              <tr key={proposal.proposalId}>
                <td>{t('approvals.type', { type: proposal.type })}</td>
                <td>{format.money(proposal.amount)}</td>
                <td>{t('audit.term', { value: proposal.status })}</td>
                <td>{proposal.proposedBy}</td>
                <td>{proposal.decidedBy ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">{t('audit.snapshot.noCompensation')}</p>
      )}
    </div>
  );
}
