/** GET /v1/me: who the calling key belongs to, so a client (the console) can sign in with a key. */
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { meSchema } from '../openapi/openapi-schemas';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('v1/me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The principal and role of the calling API key' })
  @ApiResponse({ status: 200, schema: meSchema })
  me(@CurrentPrincipal() principal: Principal) {
    return { principal: principal.id, role: principal.role };
  }
}
