/**
 * A labelled form field that shows, next to itself, the API's errors naming it (problem+json
 * `errors[].path`), tied to the control with aria-describedby and aria-invalid.
 */
import { useId, type ReactNode } from 'react';
import { ProblemError } from '../api/problem';

export function Field({
  label,
  path,
  error,
  children,
  hint,
}: {
  label: string;
  /** the problem's `errors[].path` this field answers for */
  path: string;
  error: unknown;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string }) => ReactNode;
}) {
  const id = useId();
  const messages = error instanceof ProblemError ? error.errorsFor(path) : [];
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': messages.length > 0, 'aria-describedby': `${id}-hint ${id}-error` })}
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      <div id={`${id}-error`} role={messages.length ? 'alert' : undefined}>
        {messages.length ? (
          <ul className="error field-errors">
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

/** The part of a refusal no field answers for (the problem's detail), shown under a form. */
export function FormProblem({ error, fields }: { error: unknown; fields: string[] }) {
  if (!error) return null;
  if (!(error instanceof ProblemError)) return <p role="alert" className="error">{String(error)}</p>;
  const unplaced = (error.problem.errors ?? []).filter((e) => !fields.some((f) => e.path === f || e.path.startsWith(`${f}.`)));
  return (
    <div role="alert" className="error">
      <p>{error.problem.title ?? error.message}{error.problem.detail && error.problem.errors?.length ? '' : error.problem.detail ? `: ${error.problem.detail}` : ''}</p>
      {unplaced.length ? (
        <ul>
          {unplaced.map((e) => (
            <li key={`${e.path}:${e.message}`}>{e.path ? `${e.path}: ` : ''}{e.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
