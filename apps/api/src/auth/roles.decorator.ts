import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from '../../../../libs/config/src/app-config';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/**
 * The roles that may call a route; every /v1 route names its roles. The guard reads them,
 * and the OpenAPI document lists them on the operation (`x-roles`), from this one place.
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));

/** A route that needs no key (health, API documents). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
