/**
 * RFC 9457 problem details: every error the API answers with, one stable `type` per kind.
 * `ProblemException` carries a problem from anywhere in the API layer to the one filter
 * that writes it.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export const PROBLEM_KINDS = {
  'validation': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The body is not valid JSON' },
  'bad-request': { status: 400, title: 'The request is malformed' },
  'payload-too-large': { status: 413, title: 'The body is too large' },
  'unsupported-media-type': { status: 415, title: 'The body must be application/json' },
  'unauthenticated': { status: 401, title: 'A valid API key is required' },
  'forbidden': { status: 403, title: 'This key may not do that' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'idempotency-key-reused': { status: 409, title: 'The Idempotency-Key was used for a different request' },
  'idempotency-key-required': { status: 400, title: 'An Idempotency-Key header is required' },
  'case-closed': { status: 409, title: 'The case is closed' },
  'rule-violation': { status: 422, title: 'The request is well-formed but breaks a rule' },
  'content-refused': { status: 422, title: 'The store refused the content of this action; nothing was recorded' },
  'correspondence-rejected': { status: 422, title: 'The response failed the correspondence checks; nothing was sent' },
  'conflict': { status: 409, title: 'Conflict' },
  'temporal-unavailable': { status: 503, title: 'The workflow service is unavailable; retry later' },
  'store-unavailable': { status: 503, title: 'The database is unavailable; retry later' },
  'audit-signing-unavailable': { status: 503, title: 'No audit signing key is configured' },
  'internal': { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export const PROBLEM_TYPE_PREFIX = 'urn:complaint-engine:problem:';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export function problemBody(kind: ProblemKind, detail: string, extras: Partial<ProblemBody> = {}): ProblemBody {
  const { status, title } = PROBLEM_KINDS[kind];
  return { type: `${PROBLEM_TYPE_PREFIX}${kind}`, title, status, detail, ...extras };
}

export class ProblemException extends Error {
  constructor(
    readonly kind: ProblemKind,
    detail: string,
    readonly extras: Partial<ProblemBody> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemException';
  }

  get status(): number {
    return PROBLEM_KINDS[this.kind].status;
  }
}
