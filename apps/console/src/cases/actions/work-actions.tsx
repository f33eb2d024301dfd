/** The day-to-day work on a case: "Log contact", "Add note", "Ask the customer", "Revise promise", "Escalate". */
import { ProblemError } from '../../api/problem';
import { Field } from '../../components/field';
import { instantToLocalInput, localInputToInstant } from '../../i18n/local-time';
import { useT } from '../../i18n/locale';
import { useCaseCommand } from '../case-queries';
import { ActionForm, text } from './action-form';
import type { ActionProps } from './action-props';

const CONTACT_KINDS = ['call', 'email', 'meeting', 'letter'] as const;

export function LogContactAction({ complaint, isOpen, onOpen, onClose }: ActionProps) {
  const t = useT();
  const log = useCaseCommand<{ kind: string; summary: string }>(complaint.id, 'contacts', onClose);
  return (
    <ActionForm
      name={t('action.logContact')}
      isOpen={isOpen}
      onOpen={onOpen}
      onClose={onClose}
      command={log}
      fields={['kind', 'summary']}
      body={(form) => ({ kind: text(form, 'kind'), summary: text(form, 'summary') })}
    >
      <Field label={t('action.field.kind')} path="kind" error={log.error}>
        {(props) => (
          <select {...props} name="kind" defaultValue="call">
            {CONTACT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`case.contactKind.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('action.field.contactSummary')} path="summary" error={log.error}>
        {(props) => <textarea {...props} name="summary" dir="auto" required />}
      </Field>
    </ActionForm>
  );
}

export function AddNoteAction({ complaint, isOpen, onOpen, onClose }: ActionProps) {
  const t = useT();
  const note = useCaseCommand<{ text: string }>(complaint.id, 'notes', onClose);
  return (
    <ActionForm
      name={t('action.addNote')}
      isOpen={isOpen}
      onOpen={onOpen}
      onClose={onClose}
      command={note}
      fields={['text']}
      body={(form) => ({ text: text(form, 'text') })}
    >
      <Field label={t('action.field.note')} path="text" error={note.error} hint={t('action.hint.note')}>
        {(props) => <textarea {...props} name="text" dir="auto" required />}
      </Field>
    </ActionForm>
  );
}

export function AskCustomerAction({ complaint, isOpen, onOpen, onClose }: ActionProps) {
  const t = useT();
  const ask = useCaseCommand<{ question: string }>(complaint.id, 'information-requests', onClose);
  return (
    <ActionForm
      name={t('action.askCustomer')}
      isOpen={isOpen}
      onOpen={onOpen}
      onClose={onClose}
      command={ask}
      fields={['question']}
      body={(form) => ({ question: text(form, 'question') })}
    >
      <Field label={t('action.field.question')} path="question" error={ask.error} hint={t('action.hint.question')}>
        {(props) => <textarea {...props} name="question" dir="auto" required />}
      </Field>
    </ActionForm>
  );
}

export function RevisePromiseAction({ complaint, isOpen, onOpen, onClose }: ActionProps) {
  const t = useT();
  const revise = useCaseCommand<{ resolveBy: string; reason: string }>(complaint.id, 'promise', onClose);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <ActionForm
      name={t('action.revisePromise')}
      isOpen={isOpen}
      onOpen={onOpen}
      onClose={onClose}
      command={revise}
      fields={['resolveBy', 'reason']}
      body={(form) => {
          const resolveBy = localInputToInstant(text(form, 'resolveBy'));
          if (!resolveBy) {
            throw new ProblemError({ status: 400, title: t('action.invalid'), errors: [{ path: 'resolveBy', message: t('action.error.dateTime') }] });
          }
          return { resolveBy, reason: text(form, 'reason') };
        }}
    >
      <Field label={t('action.field.resolveBy')} path="resolveBy" error={revise.error} hint={t('action.hint.zone', { zone })}>
        {(props) => <input {...props} type="datetime-local" name="resolveBy" required defaultValue={complaint.promisedResolutionBy ? instantToLocalInput(complaint.promisedResolutionBy, 'minute') : ''} />}
      </Field>
      <Field label={t('action.field.reason')} path="reason" error={revise.error} hint={t('action.hint.promiseReason')}>
        {(props) => <textarea {...props} name="reason" dir="auto" required />}
      </Field>
    </ActionForm>
  );
}

export function EscalateAction({ complaint, isOpen, onOpen, onClose }: ActionProps) {
  const t = useT();
  const escalate = useCaseCommand<{ reason: string }>(complaint.id, 'escalations', onClose);
  return (
    <ActionForm
      name={t('action.escalate')}
      isOpen={isOpen}
      onOpen={onOpen}
      onClose={onClose}
      command={escalate}
      fields={['reason']}
      body={(form) => ({ reason: text(form, 'reason') })}
    >
      <Field label={t('action.field.reason')} path="reason" error={escalate.error}>
        {(props) => <textarea {...props} name="reason" dir="auto" required />}
      </Field>
    </ActionForm>
  );
}
