/**
 * "Send final response": the outcome, an internal summary and the letter itself. A letter
 * the correspondence checks refuse comes back as 422 with every reason naming
 * `responseText`: they are listed under the response text, and nothing was sent.
 */
import { Field } from '../../components/field';
import { useT } from '../../i18n/locale';
import { useCaseCommand } from '../case-queries';
import { ActionForm, text } from './action-form';
import type { ActionProps } from './action-props';

const OUTCOMES = ['upheld', 'partially_upheld', 'rejected'] as const;

export function FinalResponseAction({ complaint, isOpen, onOpen, onClose }: ActionProps) {
  const t = useT();
  const resolve = useCaseCommand<{ outcome: string; summary: string; responseText: string }>(complaint.id, 'resolution', onClose);
  return (
    <ActionForm
      name={t('action.sendFinalResponse')}
      isOpen={isOpen}
      onOpen={onOpen}
      onClose={onClose}
      command={resolve}
      fields={['outcome', 'summary', 'responseText']}
      body={(form) => ({ outcome: text(form, 'outcome'), summary: text(form, 'summary'), responseText: text(form, 'responseText') })}
    >
      <Field label={t('action.field.outcome')} path="outcome" error={resolve.error}>
        {(props) => (
          <select {...props} name="outcome" defaultValue="upheld">
            {OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`case.outcome.${outcome}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('action.field.resolutionSummary')} path="summary" error={resolve.error}>
        {(props) => <textarea {...props} name="summary" dir="auto" required />}
      </Field>
      <Field label={t('action.field.responseText')} path="responseText" error={resolve.error} hint={t('action.hint.responseText')}>
        {(props) => <textarea {...props} name="responseText" dir="auto" rows={10} required />}
      </Field>
    </ActionForm>
  );
}
