/** The per-case audit routes: verification, replay, dossier and workflow history (CONTRACT.md, "Resources"). */
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { toCaseView } from '../complaints/case-view';
import { ApiQueryFrom, caseSchema, problemSchema } from '../openapi/openapi-schemas';
import { instant } from '../validation/wire-formats';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { dossierSchema, verificationSchema, workflowHistorySchema } from './audit-schemas';
import { DossierService } from './dossier.service';
import { ReplayService } from './replay.service';
import { VerificationService } from './verification.service';
import { WorkflowHistoryService } from './workflow-history.service';

const problem = { 'application/problem+json': { schema: problemSchema } };

export const replayQuerySchema = z.strictObject({
  asOf: instant().optional().describe('the instant, e.g. 2026-11-24T10:00:00Z; default: now'),
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/complaints')
export class CaseAuditController {
  constructor(
    @Inject(VerificationService) private readonly verification: VerificationService,
    @Inject(ReplayService) private readonly replays: ReplayService,
    @Inject(DossierService) private readonly dossiers: DossierService,
    @Inject(WorkflowHistoryService) private readonly histories: WorkflowHistoryService,
  ) {}

  @Get(':id/verification')
  @ApiOperation({ summary: 'Verify this case’s hash chain, its recorded head and the latest signed checkpoint' })
  @ApiResponse({ status: 200, schema: verificationSchema })
  verify(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.verification.verifyCase(principal, id);
  }

  @Get(':id/replay')
  @ApiOperation({
    summary: 'The case as it stood at an instant, rebuilt from its events alone',
    description:
      'Folds the events recorded up to `asOf` with the domain reducer. Without `asOf` the result equals the case as ' +
      '`GET /v1/complaints/{id}` serves it. `X-Replayed-Events` says how many events were applied.',
  })
  @ApiQueryFrom(replayQuerySchema)
  @ApiResponse({ status: 200, schema: caseSchema })
  async replay(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query(new ZodValidationPipe(replayQuerySchema, 'query')) query: z.infer<typeof replayQuerySchema>,
    @Res({ passthrough: true }) response: Response,
  ) {
    const replay = await this.replays.replay(principal, id, query.asOf ? new Date(query.asOf) : undefined);
    response.setHeader('X-Replayed-Events', String(replay.eventsApplied));
    return toCaseView(replay.state);
  }

  @Get(':id/dossier')
  @ApiOperation({ summary: 'A self-contained, offline-verifiable export of the case' })
  @ApiResponse({ status: 200, schema: dossierSchema })
  dossier(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.dossiers.export(principal, id);
  }

  @Get(':id/workflow-history')
  @ApiOperation({ summary: 'The case’s Temporal workflow history, as JSON Temporal’s tools can replay' })
  @ApiResponse({ status: 200, schema: workflowHistorySchema })
  @ApiResponse({ status: 503, description: 'Temporal is unavailable; retry', content: problem })
  workflowHistory(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.histories.historyOf(principal, id);
  }
}
