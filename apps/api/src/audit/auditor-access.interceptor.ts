/**
 * Every request an auditor makes is recorded in the access log (who, what, when) before
 * it is served; if the record cannot be written, the request fails rather than go
 * unrecorded. The log is append-only by trigger and by grants, so nobody alters it
 * through the application, auditors included.
 */
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { recordAccess } from '../../../../libs/audit-trail/src';
import type { AuthenticatedRequest } from '../auth/principal';

@Injectable()
export class AuditorAccessInterceptor implements NestInterceptor {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const principal = request.principal;
    if (principal?.role === 'auditor') {
      const params = (request.params ?? {}) as Record<string, string | undefined>;
      await recordAccess(this.db.manager, {
        principal: principal.id,
        role: principal.role,
        method: request.method,
        route: String(request.route?.path ?? request.path),
        path: request.originalUrl,
        complaintId: request.path.startsWith('/v1/complaints/') ? (params.id ?? null) : null,
      });
    }
    return next.handle();
  }
}
