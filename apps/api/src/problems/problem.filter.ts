/**
 * The one place that turns errors into HTTP answers: problem+json for everything,
 * a 500 only for what is really unexpected (and then without internals).
 */
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ComplaintRuleError } from '../../../../libs/domain/src/errors/complaint-rule-error';
import { classifyDatabaseFault } from '../../../../libs/event-store/src';
import { problemBody, ProblemException, type ProblemBody, type ProblemKind } from './problem';

const STATUS_KINDS: Record<number, ProblemKind> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

/** body-parser's errors carry a `type` and a `status`. */
interface BodyParserError {
  type: string;
  status?: number;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number';
}

export function toProblem(error: unknown): { body: ProblemBody; headers: Record<string, string> } {
  if (error instanceof ProblemException) {
    return { body: problemBody(error.kind, error.message, error.extras), headers: error.headers };
  }
  if (error instanceof ComplaintRuleError) {
    const kind: ProblemKind =
      error.code === 'case-closed' ? 'case-closed'
      : error.code === 'invalid-command' ? 'rule-violation'
      : error.code === 'not-permitted' ? 'forbidden'
      : error.code === 'conflict' ? 'conflict'
      : error.code === 'not-found' ? 'not-found'
      : 'rule-violation';
    return { body: problemBody(kind, error.message, error.violations.length ? { errors: error.violations } : {}), headers: {} };
  }
  if (isBodyParserError(error)) {
    if (error.type === 'entity.parse.failed') return { body: problemBody('malformed-json', error.message), headers: {} };
    if (error.type === 'encoding.invalid-utf8') return { body: problemBody('bad-request', error.message), headers: {} };
    if (error.type === 'entity.too.large') {
      return { body: problemBody('payload-too-large', 'the request body exceeds the 1 MB limit'), headers: {} };
    }
    const kind = STATUS_KINDS[error.status ?? 400] ?? 'validation';
    return { body: problemBody(kind, error.message), headers: {} };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest turns body-parser's SyntaxError into a plain BadRequestException carrying its message
    if (status === 400 && /JSON/.test(error.message)) return { body: problemBody('malformed-json', error.message), headers: {} };
    const kind = STATUS_KINDS[status];
    if (kind) return { body: problemBody(kind, error.message), headers: {} };
  }
  if (classifyDatabaseFault(error) === 'transient') {
    return { body: problemBody('store-unavailable', 'the database did not answer; nothing was changed, retry'), headers: { 'Retry-After': '5' } };
  }
  return { body: problemBody('internal', 'an unexpected error occurred; it has been logged'), headers: {} };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const { body, headers } = toProblem(error);
    if (body.status >= 500) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    writeProblem(response, { ...body, instance: request.originalUrl }, headers);
  }
}

export function writeProblem(response: Response, body: ProblemBody, headers: Record<string, string> = {}): void {
  if (response.headersSent) return;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
