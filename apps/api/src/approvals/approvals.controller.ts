/** GET /v1/approvals: the compensation proposals waiting for this principal's decision. */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { problemSchema } from '../openapi/openapi-schemas';
import { ApprovalsService } from './approvals.service';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('v1/approvals')
export class ApprovalsController {
  constructor(@Inject(ApprovalsService) private readonly approvals: ApprovalsService) {}

  @Get()
  @Roles('manager', 'director')
  @ApiOperation({
    summary: 'Pending proposals this principal may decide, oldest first, with the customer’s compensation history (12 months)',
  })
  @ApiResponse({ status: 200, description: '{ items: [...] }' })
  @ApiResponse({ status: 403, content: { 'application/problem+json': { schema: problemSchema } } })
  inbox(@CurrentPrincipal() principal: Principal) {
    return this.approvals.inbox(principal);
  }
}
