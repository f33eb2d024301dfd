/**
 * The one mapper from anything thrown to the problem+json answer (RFC 9457), exhaustive
 * over every source: the API's own problems, the domain's refusal codes, the event store's
 * error codes, Temporal failures (temporal-errors.ts), body-parser's errors, Nest's HTTP
 * exceptions (each keeps its status) and database faults (unavailable 503, refused content 422). Anything else is a 500 whose
 * detail says nothing of the error (the filter logs it).
 */
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { assertNever, ComplaintRuleError, type ComplaintRuleCode } from '../../../../libs/domain/src';
import { classifyDatabaseFault, EventStoreError, type EventStoreErrorCode } from '../../../../libs/event-store/src';
import { fromTemporalError } from '../temporal/temporal-errors';
import { KIND_OF_STATUS, type ProblemKind } from './problem-catalogue';
import { problemBody, ProblemException, type ProblemBody } from './problem';

export interface Problem {
  body: ProblemBody;
  headers: Readonly<Record<string, string>>;
}

/** The problem each domain refusal code is. */
export const RULE_CODE_PROBLEMS = {
  'case-closed': 'case-closed',
  'invalid-command': 'rule-violation',
  'not-permitted': 'forbidden',
  'conflict': 'conflict',
  'not-found': 'not-found',
} as const satisfies { readonly [C in ComplaintRuleCode]: ProblemKind };

/** The problem each event-store error is, with what the client is told (never the stream's internals). */
export const EVENT_STORE_PROBLEMS = {
  'wrong-expected-version': { kind: 'conflict', detail: 'the case changed while this request was handled; nothing was recorded, retry it' },
  'event-id-reused': { kind: 'conflict', detail: 'an event of this request was already recorded with other content; nothing was recorded' },
} as const satisfies { readonly [C in EventStoreErrorCode]: { kind: ProblemKind; detail: string } };

/** The problem each error type of body-parser (and of our UTF-8 check) is; other types go by their status. */
export const BODY_ERROR_PROBLEMS = {
  'entity.parse.failed': 'malformed-json',
  'entity.too.large': 'payload-too-large',
  'encoding.invalid-utf8': 'bad-request',
  'encoding.unsupported': 'unsupported-media-type',
  'charset.unsupported': 'unsupported-media-type',
} as const satisfies Record<string, ProblemKind>;

const INTERNAL_DETAIL = 'an unexpected error occurred; it has been logged';
const RETRY_LATER = { 'Retry-After': '5' };

/** body-parser's (and raw-body's) errors carry a `type` and a `status`. */
export interface BodyParserError extends Error {
  type: string;
  status: number;
}

export function isBodyParserError(error: unknown): error is BodyParserError {
  return error instanceof Error && typeof (error as BodyParserError).type === 'string' && typeof (error as BodyParserError).status === 'number';
}

/** Where an error comes from: each source has its own table above. */
type Source =
  | { from: 'problem'; error: ProblemException }
  | { from: 'rule'; error: ComplaintRuleError }
  | { from: 'event-store'; error: EventStoreError }
  | { from: 'body'; error: BodyParserError }
  | { from: 'http'; error: HttpException }
  | { from: 'database-unavailable' }
  | { from: 'database-refused' }
  | { from: 'unknown' };

function sourceOf(error: unknown): Source {
  if (error instanceof ProblemException) return { from: 'problem', error };
  if (error instanceof ComplaintRuleError) return { from: 'rule', error };
  if (error instanceof EventStoreError) return { from: 'event-store', error };
  if (isBodyParserError(error)) return { from: 'body', error };
  if (error instanceof HttpException) return { from: 'http', error };
  const fault = classifyDatabaseFault(error);
  if (fault === 'transient') return { from: 'database-unavailable' };
  if (fault === 'refused-content') return { from: 'database-refused' };
  return { from: 'unknown' };
}

export function toProblem(error: unknown): Problem {
  const translated = fromTemporalError(error);
  if (translated) return toProblem(translated);
  const source = sourceOf(error);
  switch (source.from) {
    case 'problem':
      return { body: problemBody(source.error.kind, source.error.message, source.error.extras), headers: source.error.headers };
    case 'rule': {
      const { code, message, violations } = source.error;
      return { body: problemBody(RULE_CODE_PROBLEMS[code], message, violations.length ? { errors: violations } : {}), headers: {} };
    }
    case 'event-store': {
      const { kind, detail } = EVENT_STORE_PROBLEMS[source.error.code];
      return { body: problemBody(kind, detail), headers: {} };
    }
    case 'body':
      return bodyErrorProblem(source.error);
    case 'http':
      return httpProblem(source.error.getStatus(), source.error.message);
    case 'database-unavailable':
      return { body: problemBody('store-unavailable', 'the database did not answer; nothing was changed, retry'), headers: RETRY_LATER };
    case 'database-refused':
      // what the door let through and PostgreSQL will never store: the same on every retry
      return { body: problemBody('content-refused', 'the database refused the content of this request; nothing was recorded'), headers: {} };
    case 'unknown':
      return { body: problemBody('internal', INTERNAL_DETAIL), headers: {} };
    default:
      return assertNever(source);
  }
}

function bodyErrorProblem(error: BodyParserError): Problem {
  const kind = (BODY_ERROR_PROBLEMS as Record<string, ProblemKind | undefined>)[error.type];
  if (!kind) return httpProblem(error.status, error.message); // e.g. raw-body's own `stream.*` faults: 500
  const detail = kind === 'payload-too-large' ? 'the request body exceeds the 1 MB limit' : error.message;
  return { body: problemBody(kind, detail), headers: {} };
}

/**
 * An HTTP error keeps its status: the catalogue's kind for it where there is one, else
 * `about:blank` titled with the status's phrase (RFC 9457 4.2.1). A status that is not an
 * error (or a 5xx, whose message may hold internals) says nothing more than its phrase.
 */
function httpProblem(status: number, message: string): Problem {
  if (!Number.isInteger(status) || status < 400 || status > 599) return { body: problemBody('internal', INTERNAL_DETAIL), headers: {} };
  const detail = status >= 500 ? (STATUS_CODES[status] ?? 'Server error') : message;
  const kind = (KIND_OF_STATUS as Partial<Record<number, ProblemKind>>)[status];
  if (kind === 'internal') return { body: problemBody('internal', INTERNAL_DETAIL), headers: {} };
  if (kind) return { body: problemBody(kind, detail), headers: {} };
  return { body: { type: 'about:blank', title: STATUS_CODES[status] ?? `HTTP ${status}`, status, detail }, headers: {} };
}
