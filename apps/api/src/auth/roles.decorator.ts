import { SetMetadata } from '@nestjs/common';
import type { Role } from '../../../../libs/config/src/app-config';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/** The roles that may call a route; every /v1 route names its roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route that needs no key (health, API documents). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
