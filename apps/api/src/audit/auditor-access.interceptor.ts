/**
 * Every request an auditor makes is recorded in the access log (who, what, when) before
 * it is served; if the record cannot be written, the request fails rather than go
 * unrecorded. The log is append-only by trigger and by grants, so nobody alters it
 * through the application, auditors included. A read (GET, HEAD) runs while its record is
 * written: its answer, or its error, waits for the record's commit, and the record failing
 * fails the request; anything else runs only after its record.
 */
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, concatMap, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { recordAccess } from '../../../../libs/audit-trail/src';
import type { AuthenticatedRequest } from '../auth/principal';

/** Requests that change nothing, so they may run while their record is written. */
const READS = new Set(['GET', 'HEAD']);

@Injectable()
export class AuditorAccessInterceptor implements NestInterceptor {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const principal = request.principal;
    if (principal?.role === 'auditor') {
      const params = (request.params ?? {}) as Record<string, string | undefined>;
      const recorded = recordAccess(this.db.manager, {
        principal: principal.id,
        role: principal.role,
        method: request.method,
        route: String(request.route?.path ?? request.path),
        path: request.originalUrl,
        complaintId: request.path.startsWith('/v1/complaints/') ? (params.id ?? null) : null,
      });
      if (READS.has(request.method)) {
        recorded.catch(() => undefined); // awaited below, with the answer
        return next.handle().pipe(
          concatMap(async (answer: unknown) => {
            await recorded;
            return answer;
          }),
          catchError(async (error: unknown) => {
            await recorded;
            throw error;
          }),
        );
      }
      await recorded;
    }
    return next.handle();
  }
}
