/**
 * Input the engine cannot hold is refused at the door, before any route or schema runs,
 * and never silently repaired:
 *   - a request body must be JSON (`application/json` or `application/*+json`), else 415;
 *   - its bytes must be valid UTF-8 (no replacement characters slipped in), else 400;
 *   - no string in it, key or value, may hold a lone UTF-16 surrogate (JSON escapes can
 *     spell one; PostgreSQL refuses it) or U+0000 (PostgreSQL text cannot store it), else
 *     400 naming where;
 *   - the URL's percent-escapes must decode to well-formed UTF-8 text without U+0000.
 * body-parser's own refusals (malformed JSON, too large) reach `toProblem` with their type.
 */
import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from '../problems/problem';
import { isBodyParserError } from '../problems/to-problem';

const JSON_TYPES = ['application/json', 'application/*+json'];
export const BODY_LIMIT = '1mb';

/** body-parser's `type` option: the media types parsed as JSON. */
export const jsonMediaTypes = JSON_TYPES;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** body-parser's `verify` hook: the raw bytes must be valid UTF-8. */
export function verifyUtf8(_request: unknown, _response: unknown, body: Buffer): void {
  try {
    utf8.decode(body);
  } catch {
    throw Object.assign(new Error('the body is not valid UTF-8'), { status: 400, type: 'encoding.invalid-utf8' });
  }
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJsonMediaType(request: Request): boolean {
  return request.is(JSON_TYPES) !== false;
}

/** Why a string cannot be stored, or null. */
function stringProblem(value: string): string | null {
  if (!value.isWellFormed()) return 'holds a lone UTF-16 surrogate (not valid Unicode text)';
  if (value.includes('\u0000')) return 'must not contain U+0000';
  return null;
}

/** The first string (key or value) in a parsed JSON value that cannot be stored, with its path. */
export function illFormedString(root: unknown): { path: string; message: string } | null {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) return { path: path || '(body)', message: problem };
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: path ? `${path}.${index}` : String(index) }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        const problem = stringProblem(key);
        if (problem) return { path: at.toWellFormed(), message: `field name ${problem}` };
        stack.push({ value: item, path: at });
      }
    }
  }
  return null;
}

/**
 * Error middleware right after the body parser: Nest would turn its malformed-JSON error (a
 * SyntaxError) into a bare 400 without its type; handed on as a plain error it keeps it.
 */
export function keepBodyErrorType(error: unknown, _request: Request, _response: Response, next: NextFunction): void {
  if (error instanceof SyntaxError && isBodyParserError(error)) {
    next(Object.assign(new Error(error.message), { type: error.type, status: error.status }));
    return;
  }
  next(error);
}

/** Refuses a body that is not JSON (415) or holds text PostgreSQL cannot store (400). */
export function requireWellFormedBody(request: Request, _response: Response, next: NextFunction): void {
  if (hasBody(request) && !isJsonMediaType(request)) {
    next(new ProblemException('unsupported-media-type', `send the body as application/json, not ${request.headers['content-type'] ?? 'no content type'}`));
    return;
  }
  const problem = request.body === undefined ? null : illFormedString(request.body);
  if (problem) {
    next(new ProblemException('validation', `${problem.path}: ${problem.message}`, { errors: [problem] }));
    return;
  }
  next();
}

/** Refuses a URL whose percent-escapes are not UTF-8 text or spell U+0000 (400). */
export function requireWellFormedUrl(request: Request, _response: Response, next: NextFunction): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(request.originalUrl);
  } catch {
    next(new ProblemException('bad-request', 'the URL holds a percent-escape that is not UTF-8 text'));
    return;
  }
  if (decoded.includes('\u0000')) {
    next(new ProblemException('bad-request', 'the URL must not spell U+0000'));
    return;
  }
  next();
}
