/** Who works the case: "Take" it, "Hand off" to someone else, "Accept handoff" when named. */
import { Field } from '../../components/field';
import { useT } from '../../i18n/locale';
import { useSession } from '../../session/session';
import { useCaseCommand } from '../case-queries';
import { ActionButton, ActionForm, optional, text } from './action-form';
import type { ActionProps } from './action-props';

export function TakeAction({ complaint }: Pick<ActionProps, 'complaint'>) {
  const t = useT();
  const { me } = useSession();
  const take = useCaseCommand<{ to: string }>(complaint.id, 'assignment');
  return <ActionButton name={t('action.take')} pending={take.isPending} error={take.error} onClick={() => take.mutate(() => ({ to: me?.principal ?? '' }))} />;
}

export function AcceptHandoffAction({ complaint }: Pick<ActionProps, 'complaint'>) {
  const t = useT();
  const accept = useCaseCommand<Record<string, never>>(complaint.id, 'assignment/acceptance');
  return <ActionButton name={t('action.acceptHandoff')} pending={accept.isPending} error={accept.error} onClick={() => accept.mutate(() => ({}))} />;
}

export function HandOffAction({ complaint, isOpen, onOpen, onClose }: ActionProps) {
  const t = useT();
  const handOff = useCaseCommand<{ to: string; note?: string }>(complaint.id, 'assignment', onClose);
  return (
    <ActionForm
      name={t('action.handOff')}
      isOpen={isOpen}
      onOpen={onOpen}
      onClose={onClose}
      command={handOff}
      fields={['to', 'note']}
      body={(form) => ({ to: text(form, 'to').trim(), note: optional(form, 'note') })}
    >
      <Field label={t('action.field.to')} path="to" error={handOff.error} hint={t('action.hint.to')}>
        {(props) => <input {...props} name="to" required autoComplete="off" />}
      </Field>
      <Field label={t('action.field.handoffNote')} path="note" error={handOff.error}>
        {(props) => <textarea {...props} name="note" dir="auto" />}
      </Field>
    </ActionForm>
  );
}
