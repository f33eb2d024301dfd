/** "Propose compensation": a type, an amount typed in major units in the viewer's locale, and the rationale. */
import { ProblemError } from '../../api/problem';
import { Field } from '../../components/field';
import { useLocale, useT } from '../../i18n/locale';
import { useCaseCommand } from '../case-queries';
import { ActionForm, text } from './action-form';
import type { ActionProps } from './action-props';
import { fractionDigits, toMinorUnits } from './money-input';

// an instalment plan needs its schedule of amounts and dates, which this form does not ask for
const COMPENSATION_TYPES = ['refund', 'credit', 'replacement', 'goodwill'] as const;
const CURRENCY = /^[A-Z]{3}$/;

interface Proposal {
  type: string;
  amount: { minor: number; currency: string };
  rationale: string;
}

export function ProposeCompensationAction({ complaint, isOpen, onOpen, onClose }: ActionProps) {
  const t = useT();
  const { locale } = useLocale();
  const propose = useCaseCommand<Proposal>(complaint.id, 'compensation-proposals', onClose);
  // the currency the case was compensated in before, if any
  const usualCurrency = complaint.compensation.at(-1)?.amount.currency ?? 'EUR';

  function build(form: FormData): Proposal {
    const currency = text(form, 'currency').trim().toUpperCase();
    if (!CURRENCY.test(currency)) {
      throw new ProblemError({ status: 400, title: t('action.invalid'), errors: [{ path: 'amount.currency', message: t('action.error.currency') }] });
    }
    const minor = toMinorUnits(text(form, 'amount'), currency, locale);
    if (minor === null) {
      throw new ProblemError({
        status: 400,
        title: t('action.invalid'),
        errors: [{ path: 'amount.minor', message: t('action.error.amount', { digits: fractionDigits(currency) }) }],
      });
    }
    return { type: text(form, 'type'), amount: { minor, currency }, rationale: text(form, 'rationale') };
  }

  return (
    <ActionForm
      name={t('action.proposeCompensation')}
      isOpen={isOpen}
      onOpen={onOpen}
      onClose={onClose}
      command={propose}
      fields={['type', 'amount.minor', 'amount.currency', 'rationale']}
      body={(form) => build(form)}
    >
      <Field label={t('action.field.compensationType')} path="type" error={propose.error}>
        {(props) => (
          <select {...props} name="type" defaultValue="refund">
            {COMPENSATION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`case.compensationType.${type}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="amount-row">
        <Field label={t('action.field.amount')} path="amount.minor" error={propose.error} hint={t('action.hint.amount')}>
          {(props) => <input {...props} name="amount" inputMode="decimal" required autoComplete="off" />}
        </Field>
        <Field label={t('action.field.currency')} path="amount.currency" error={propose.error}>
          {(props) => <input {...props} name="currency" required defaultValue={usualCurrency} maxLength={3} size={4} autoComplete="off" />}
        </Field>
      </div>
      <Field label={t('action.field.rationale')} path="rationale" error={propose.error}>
        {(props) => <textarea {...props} name="rationale" dir="auto" required />}
      </Field>
    </ActionForm>
  );
}
