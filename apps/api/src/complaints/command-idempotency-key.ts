/**
 * A case command's optional `Idempotency-Key` header. A command whose answer never came (a
 * timeout, a dropped connection, a 503 after the API stopped waiting for the workflow) may
 * still be carried out once a worker gets to it; re-sent with the same key and body it is
 * carried out at most once: the key (with the principal and a digest of the command)
 * becomes the Temporal update id, which the case's workflow run deduplicates — a re-send
 * joins the update still waiting, or gets the outcome of the one carried out. Another body
 * under the same key is another command.
 */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Principal } from '../auth/principal';
import { IntakeService } from './intake.service';

export const CommandIdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const header = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined ? undefined : IntakeService.checkIdempotencyKey(value);
});

/** The Temporal update id of a command sent with an Idempotency-Key: the same for a re-send of the same command. */
export function commandUpdateId(principal: Principal, idempotencyKey: string, name: string, command: unknown): string {
  const digest = createHash('sha256').update(`${name}\n${canonicalize(command) ?? ''}`).digest('hex');
  return `${principal.id}:${idempotencyKey}:${digest}`;
}
