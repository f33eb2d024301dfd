/**
 * One action on the case, the way a support desk composes one at a time: a button with the
 * action's name opens its form in its place; the form's submit button carries the same
 * name, so exactly one control named, say, "Add note" is on the page at any moment. The
 * API's errors show next to the field they name, the rest under the form.
 */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { FormProblem } from '../../components/field';
import { useT } from '../../i18n/locale';

export function ActionForm({
  name,
  isOpen,
  onOpen,
  onClose,
  pending,
  error,
  fields,
  onSubmit,
  children,
}: {
  name: string;
  isOpen: boolean;
  onOpen(): void;
  onClose(): void;
  pending: boolean;
  error: unknown;
  /** the problem paths the form's fields show themselves */
  fields: string[];
  onSubmit(form: FormData): void;
  children: ReactNode;
}) {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(isOpen);

  useEffect(() => {
    // focus follows the form: its first field when it opens, its opener when it closes
    if (isOpen && !wasOpen.current) formRef.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
    if (!isOpen && wasOpen.current) openerRef.current?.focus();
    wasOpen.current = isOpen;
  }, [isOpen]);

  if (!isOpen) {
    return (
      <button ref={openerRef} type="button" className="secondary" onClick={onOpen}>
        {name}
      </button>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  }

  return (
    <form ref={formRef} className="action-form" aria-label={name} onSubmit={submit}>
      {children}
      <FormProblem error={error} fields={fields} />
      <div className="action-buttons">
        <button type="submit" disabled={pending}>
          {name}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}

/** An action without a form (take the case, accept a handoff): one button, its refusal under it. */
export function ActionButton({ name, pending, error, onClick }: { name: string; pending: boolean; error: unknown; onClick(): void }) {
  return (
    <div>
      <button type="button" disabled={pending} onClick={onClick}>
        {name}
      </button>
      <FormProblem error={error} fields={[]} />
    </div>
  );
}

/** A form field's text, or undefined when left empty (for optional fields). */
export function optional(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? '');
  return value === '' ? undefined : value;
}

export function text(form: FormData, name: string): string {
  return String(form.get(name) ?? '');
}
