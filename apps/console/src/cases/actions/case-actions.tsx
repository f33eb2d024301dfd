/**
 * The actions the signed-in role may take on this case now: only those the API's roles
 * allow (`can`), and only those that make sense in the case's state. One form is open at a time.
 */
import { useState } from 'react';
import { useT } from '../../i18n/locale';
import { useCan } from '../../session/permissions';
import { useSession } from '../../session/session';
import type { CaseDetail } from '../case-queries';
import { ProposeCompensationAction } from './compensation-action';
import { FinalResponseAction } from './final-response-action';
import { MergeAction } from './merge-action';
import { AcceptHandoffAction, HandOffAction, TakeAction } from './ownership-actions';
import { AddNoteAction, AskCustomerAction, EscalateAction, LogContactAction, RevisePromiseAction } from './work-actions';

type FormAction = 'handOff' | 'logContact' | 'addNote' | 'askCustomer' | 'revisePromise' | 'escalate' | 'proposeCompensation' | 'finalResponse' | 'merge';

export function CaseActions({ complaint }: { complaint: CaseDetail }) {
  const t = useT();
  const can = useCan();
  const { me } = useSession();
  const [open, setOpen] = useState<FormAction | null>(null);
  if (complaint.status === 'closed' || !me) return null;

  const props = (action: FormAction) => ({
    complaint,
    isOpen: open === action,
    onOpen: () => setOpen(action),
    onClose: () => setOpen((current) => (current === action ? null : current)),
  });
  const resolved = complaint.status === 'resolved';
  const answered = complaint.informationRequests.every((request) => request.answeredAt !== null);
  const shown = {
    take: can('POST /v1/complaints/{id}/assignment') && complaint.owner !== me.principal,
    acceptHandoff: can('POST /v1/complaints/{id}/assignment/acceptance') && complaint.pendingHandoff?.to === me.principal,
    handOff: can('POST /v1/complaints/{id}/assignment') && !complaint.pendingHandoff,
    logContact: can('POST /v1/complaints/{id}/contacts'),
    addNote: can('POST /v1/complaints/{id}/notes'),
    askCustomer: can('POST /v1/complaints/{id}/information-requests') && !resolved && answered,
    revisePromise: can('POST /v1/complaints/{id}/promise') && !resolved,
    escalate: can('POST /v1/complaints/{id}/escalations'),
    proposeCompensation: can('POST /v1/complaints/{id}/compensation-proposals') && !resolved,
    finalResponse:
      can('POST /v1/complaints/{id}/resolution') &&
      !resolved &&
      !complaint.pendingResolution &&
      complaint.compensation.every((proposal) => proposal.status !== 'pending_approval'),
    merge: can('POST /v1/complaints/{id}/merge'),
  };
  if (!Object.values(shown).some(Boolean)) return null;

  return (
    <section className="panel case-actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('case.actions')}</h2>
      <div className="actions">
        {shown.take ? <TakeAction complaint={complaint} /> : null}
        {shown.acceptHandoff ? <AcceptHandoffAction complaint={complaint} /> : null}
        {shown.handOff ? <HandOffAction {...props('handOff')} /> : null}
        {shown.logContact ? <LogContactAction {...props('logContact')} /> : null}
        {shown.addNote ? <AddNoteAction {...props('addNote')} /> : null}
        {shown.askCustomer ? <AskCustomerAction {...props('askCustomer')} /> : null}
        {shown.revisePromise ? <RevisePromiseAction {...props('revisePromise')} /> : null}
        {shown.escalate ? <EscalateAction {...props('escalate')} /> : null}
        {shown.proposeCompensation ? <ProposeCompensationAction {...props('proposeCompensation')} /> : null}
        {shown.finalResponse ? <FinalResponseAction {...props('finalResponse')} /> : null}
        {shown.merge ? <MergeAction {...props('merge')} /> : null}
      </div>
    </section>
  );
}
