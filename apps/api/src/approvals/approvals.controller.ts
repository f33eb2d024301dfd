/** GET /v1/approvals: the compensation proposals waiting for this principal's decision. */
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { ApiQueryFrom, approvalsSchema } from '../openapi/openapi-schemas';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { ApprovalsService } from './approvals.service';

export const approvalsQuerySchema = z.strictObject({
  include: z
    .enum(['undecidable'])
    .optional()
    .describe('undecidable: also the pending proposals this principal may not decide (decidable false, with the reason)'),
});

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('v1/approvals')
export class ApprovalsController {
  constructor(@Inject(ApprovalsService) private readonly approvals: ApprovalsService) {}

  @Get()
  @ApiOperation({
    summary: 'Pending proposals this principal may decide, oldest first, with the customer’s compensation history (12 months)',
    description:
      'Each item carries the case’s summary, category and severity and the viewer’s approval limit in the proposal’s currency ' +
      '(`viewerLimit.minor` null: no limit; 0: the role may approve nothing in that currency). With `include=undecidable`, every ' +
      'pending proposal, those this principal may not decide with `decidable: false` and `notDecidableBecause`: `own-proposal` ' +
      '(four eyes), `above-authority` (the amount is above the role’s limit) or `below-rung` (the approval has moved up to a higher role).',
  })
  @ApiQueryFrom(approvalsQuerySchema)
  @ApiResponse({ status: 200, schema: approvalsSchema })
  inbox(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(approvalsQuerySchema, 'query')) query: z.infer<typeof approvalsQuerySchema>) {
    return this.approvals.inbox(principal, { includeUndecidable: query.include === 'undecidable' });
  }
}
