/** Every route needs `Authorization: Bearer <secret>` unless marked @Public: 401 unknown, 403 wrong role. */
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '../../../../libs/config/src/app-config';
import { ProblemException } from '../problems/problem';
import type { AuthenticatedRequest } from './principal';
import { PrincipalsService } from './principals.service';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="complaints"' };

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(PrincipalsService) private readonly principals: PrincipalsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new ProblemException('unauthenticated', 'send Authorization: Bearer <api key>', {}, CHALLENGE);
    const principal = await this.principals.authenticate(match[1]);
    if (!principal) throw new ProblemException('unauthenticated', 'the API key is not known', {}, CHALLENGE);
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || !roles.includes(principal.role)) {
      throw new ProblemException(
        'forbidden',
        `role ${principal.role} may not ${request.method} ${request.route?.path ?? request.path}` +
          (roles ? ` (allowed: ${roles.join(', ')})` : ''),
      );
    }
    return true;
  }
}
