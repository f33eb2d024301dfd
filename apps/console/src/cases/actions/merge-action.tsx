/** "Merge": this (newer) case is the same complaint as an older one; it closes as merged into it. */
import { useQueryClient } from '@tanstack/react-query';
import { Field } from '../../components/field';
import { useT } from '../../i18n/locale';
import { useCaseCommand } from '../case-queries';
import { ActionForm, text } from './action-form';
import type { ActionProps } from './action-props';

export function MergeAction({ complaint, isOpen, onOpen, onClose }: ActionProps) {
  const t = useT();
  const queryClient = useQueryClient();
  const merge = useCaseCommand<{ into: string }>(complaint.id, 'merge', () => {
    onClose();
    // the older case now carries this report too
    void queryClient.invalidateQueries({ queryKey: ['case'] });
  });
  return (
    <ActionForm
      name={t('action.merge')}
      isOpen={isOpen}
      onOpen={onOpen}
      onClose={onClose}
      command={merge}
      fields={['into']}
      body={(form) => ({ into: text(form, 'into').trim() })}
    >
      <Field label={t('action.field.into')} path="into" error={merge.error} hint={t('action.hint.into')}>
        {(props) => (
          // prefilled with the older case intake flagged this one as duplicating
          <input {...props} name="into" required defaultValue={complaint.possibleDuplicateOf ?? ''} autoComplete="off" className="mono" />
        )}
      </Field>
    </ActionForm>
  );
}
