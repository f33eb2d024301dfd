/**
 * One action on the case, the way a support desk composes one at a time: a button with the
 * action's name opens its form in its place; the form's submit button carries the same
 * name, so exactly one control named, say, "Add note" is on the page at any moment. The
 * API's errors show next to the field they name, the rest under the form.
 */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { FormProblem } from '../../components/field';
import { useT } from '../../i18n/locale';

/** The command a form sends (a TanStack mutation whose variable builds the body). */
export interface ActionCommand<Body> {
  isPending: boolean;
  error: unknown;
  reset(): void;
  mutate(buildBody: () => Body): void;
}

export function ActionForm<Body>({
  name,
  isOpen,
  onOpen,
  onClose,
  command,
  fields,
  body,
  children,
}: {
  name: string;
  isOpen: boolean;
  onOpen(): void;
  onClose(): void;
  command: ActionCommand<Body>;
  /** the problem paths the form's fields show themselves */
  fields: string[];
  /** the request body from the form's fields; may throw a ProblemError naming a field it cannot read */
  body(form: FormData): Body;
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
      <button
        ref={openerRef}
        type="button"
        className="secondary"
        onClick={() => {
          command.reset(); // a form opens without the refusal of its last attempt
          onOpen();
        }}
      >
        {name}
      </button>
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    command.mutate(() => body(form));
  }

  return (
    <form ref={formRef} className="action-form" aria-label={name} onSubmit={submit}>
      {children}
      <FormProblem error={command.error} fields={fields} />
      <div className="action-buttons">
        <button type="submit" disabled={command.isPending}>
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
