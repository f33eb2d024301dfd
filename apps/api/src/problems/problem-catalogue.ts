/**
 * Every kind of problem the API answers with (RFC 9457): its stable `type` URI, its title and
 * its status, one row per kind. `toProblem` (to-problem.ts) chooses the kind; nothing else
 * decides a status. An HTTP error of a status no kind stands for answers `about:blank` with
 * the status's own phrase (RFC 9457 4.2.1), so it keeps its status too.
 */
export const PROBLEM_TYPE_PREFIX = 'urn:complaint-engine:problem:';

const KINDS = {
  'validation': { status: 400, title: 'The request is not valid' },
  'malformed-json': { status: 400, title: 'The body is not valid JSON' },
  'bad-request': { status: 400, title: 'The request is malformed' },
  'idempotency-key-required': { status: 400, title: 'An Idempotency-Key header is required' },
  'unauthenticated': { status: 401, title: 'A valid API key is required' },
  'forbidden': { status: 403, title: 'This key may not do that' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'conflict': { status: 409, title: 'Conflict' },
  'case-closed': { status: 409, title: 'The case is closed' },
  'idempotency-key-reused': { status: 409, title: 'The Idempotency-Key was used for a different request' },
  'payload-too-large': { status: 413, title: 'The body is too large' },
  'unsupported-media-type': { status: 415, title: 'The body must be application/json' },
  'rule-violation': { status: 422, title: 'The request is well-formed but breaks a rule' },
  'content-refused': { status: 422, title: 'The store refused the content of this action; nothing was recorded' },
  'correspondence-rejected': { status: 422, title: 'The response failed the correspondence checks; nothing was sent' },
  'rate-limited': { status: 429, title: 'Too many requests; retry later' },
  'internal': { status: 500, title: 'Internal error' },
  'temporal-unavailable': { status: 503, title: 'The workflow service is unavailable; retry later' },
  'store-unavailable': { status: 503, title: 'The database is unavailable; retry later' },
  'audit-signing-unavailable': { status: 503, title: 'No audit signing key is configured' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof KINDS;

export interface ProblemType<K extends ProblemKind = ProblemKind> {
  kind: K;
  type: `${typeof PROBLEM_TYPE_PREFIX}${K}`;
  status: (typeof KINDS)[K]['status'];
  title: string;
}

export const PROBLEM_CATALOGUE = Object.fromEntries(
  (Object.keys(KINDS) as ProblemKind[]).map((kind) => [kind, { kind, type: `${PROBLEM_TYPE_PREFIX}${kind}`, ...KINDS[kind] }]),
) as { readonly [K in ProblemKind]: ProblemType<K> };

export const PROBLEM_KINDS = Object.keys(KINDS) as readonly ProblemKind[];

type ProblemStatus = (typeof KINDS)[ProblemKind]['status'];
/** The kinds answered with status S. */
type KindOfStatus<S extends ProblemStatus> = { [K in ProblemKind]: (typeof KINDS)[K]['status'] extends S ? K : never }[ProblemKind];

/**
 * The kind an HTTP error of this status is when nothing more is known of it (a Nest or
 * body-parser error): the generic kind of each status the API has one for.
 */
export const KIND_OF_STATUS: { readonly [S in ProblemStatus]?: KindOfStatus<S> } = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'rule-violation',
  429: 'rate-limited',
  500: 'internal',
};
