/**
 * The one place that writes error answers: every error goes through `toProblem` and leaves
 * as problem+json; a 5xx is logged with the error itself (its answer says nothing of it).
 */
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ProblemBody } from './problem';
import { toProblem } from './to-problem';

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

function writeProblem(response: Response, body: ProblemBody, headers: Readonly<Record<string, string>> = {}): void {
  if (response.headersSent) return;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}
