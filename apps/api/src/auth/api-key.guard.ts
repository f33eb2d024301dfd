/**
 * Every route needs `Authorization: Bearer <secret>` unless the permission table makes it
 * public: 401 no or unknown key, 403 a role the table does not list for the route.
 */
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemException } from '../problems/problem';
import type { AuthenticatedRequest } from './principal';
import { PrincipalsService } from './principals.service';
import { APP_CONFIG, type AppConfig } from '../config/tokens';
import { permissionOf, PUBLIC, routeKey, routePermissions, type PermissionTable } from './route-permissions';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="complaints"' };

@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly permissions: PermissionTable;

  constructor(
    @Inject(PrincipalsService) private readonly principals: PrincipalsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.permissions = routePermissions(config.metricsAuth);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const routePath = (request.route as { path?: string } | undefined)?.path ?? request.path;
    const roles = permissionOf(this.permissions, request.method, routePath);
    if (roles === PUBLIC) return true;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ProblemException('unauthenticated', 'send Authorization: Bearer <api key>', {}, CHALLENGE);
    const principal = await this.principals.authenticate(match[1]);
    if (!principal) throw new ProblemException('unauthenticated', 'the API key is not known', {}, CHALLENGE);
    request.principal = principal;
    if (!roles || !roles.includes(principal.role)) {
      throw new ProblemException(
        'forbidden',
        `role ${principal.role} may not ${routeKey(request.method, routePath)}` + (roles ? ` (allowed: ${roles.join(', ')})` : ''),
      );
    }
    return true;
  }
}
