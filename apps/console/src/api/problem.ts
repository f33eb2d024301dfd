/** An RFC 9457 problem the API answered, kept whole so a form can show each error by its field. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string; code?: string; excerpt?: string }[];
}

export class ProblemError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }

  /** The messages of the errors naming this field (paths such as `text`, `amount.minor`, `query.from`). */
  errorsFor(field: string): string[] {
    return (this.problem.errors ?? [])
      .filter((e) => e.path === field || e.path.startsWith(`${field}.`) || e.path.startsWith(`${field}[`))
      .map((e) => e.message);
  }
}
