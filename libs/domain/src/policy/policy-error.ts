// The error a policy file that cannot be used raises: every problem, each named by the
// dotted path of the field it concerns, so an operator can fix them all at once.

export interface PolicyIssue {
  /** Dotted path of the offending field, e.g. `severities.high.resolution`; `(root)` for the whole file. */
  readonly path: string;
  readonly message: string;
}

export class PolicyError extends Error {
  override readonly name = 'PolicyError';

  constructor(
    readonly sourceName: string,
    readonly issues: readonly PolicyIssue[],
  ) {
    super(`policy ${sourceName}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
  }
}
