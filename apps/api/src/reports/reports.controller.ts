/** GET /v1/reports/…: managers', directors' and auditors' reports, computed from events alone (reports.service.ts). */
import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiQueryFrom, openApiSchema, outcomesReportSchema, problemSchema, promisesReportSchema, whatIfReportSchema } from '../openapi/openapi-schemas';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { PROMISE_GROUPINGS } from './promises-report';
import { resolveWindow, windowQuery } from './report-window';
import { ReportsService } from './reports.service';

export const promisesQuerySchema = z.strictObject({
  ...windowQuery,
  groupBy: z.enum(PROMISE_GROUPINGS).default('month').describe('owner or team when each promise was made, the case’s category, or the month it was made'),
});
export const outcomesQuerySchema = z.strictObject(windowQuery);
export const whatIfBodySchema = z.strictObject({
  ...windowQuery,
  policy: z.looseObject({}).describe('the candidate policy, as a policy file would hold it (JSON); validated as one'),
});

const BAD_WINDOW = { status: 422, description: 'from is not before to', content: { 'application/problem+json': { schema: problemSchema } } };
const BAD_POLICY = { status: 400, description: 'the candidate policy is not a valid policy (every bad field named)', content: { 'application/problem+json': { schema: problemSchema } } };

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Get('promises')
  @ApiOperation({
    summary: 'Promises made in [from, to): made, kept, revised, broken (and why), open, keeping rate, per group',
    description:
      'From events alone (ResolutionPromised, PromiseRevised, PromiseKept, PromiseBroken), folded into the report tables in global order. ' +
      'A promise counts for the owner and team (the queue the case was last routed to) its case had when it was made. ' +
      '`keepingRate` = kept / (kept + broken), null while none is settled. `coversThrough`: the highest global event position folded.',
  })
  @ApiQueryFrom(promisesQuerySchema)
  @ApiResponse({ status: 200, schema: promisesReportSchema })
  @ApiResponse(BAD_WINDOW)
  promises(@Query(new ZodValidationPipe(promisesQuerySchema, 'query')) query: z.infer<typeof promisesQuerySchema>) {
    return this.reports.promises(resolveWindow(query), query.groupBy);
  }

  @Get('outcomes')
  @ApiOperation({
    summary: 'Cost and customers kept: cases closed in [from, to) by how they ended, against the compensation approved on them',
    description:
      'Endings: confirmed (the customer confirmed satisfaction), unconfirmed, withdrawn, merged; `reopened`: of those, how many had been reopened. ' +
      'Compensation approved (minor units) by type and currency per ending, and all compensation approved in the window.',
  })
  @ApiQueryFrom(outcomesQuerySchema)
  @ApiResponse({ status: 200, schema: outcomesReportSchema })
  @ApiResponse(BAD_WINDOW)
  outcomes(@Query(new ZodValidationPipe(outcomesQuerySchema, 'query')) query: z.infer<typeof outcomesQuerySchema>) {
    return this.reports.outcomes(resolveWindow(query));
  }

  @Post('what-if')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What-if: the window’s cases replayed under a candidate policy, side by side with what happened, per category; changes nothing',
    description:
      'Each case open in [from, to) and started under the policy in force is replayed from its events by the same pure domain code the workflow runs: ' +
      'what people did stays as recorded; the acknowledgment’s deadlines and every deadline timer (severity, unassigned, inactivity, promise warning and breach, handoff expiry) ' +
      'are decided again under the candidate’s calendar, deadlines and escalation ladder. Counted in the window: promises broken, warnings, escalations, regulatory deadlines missed. ' +
      'Nothing is written and no workflow is started. Cases started under another policy version, and cases closed before the window, are counted and named as excluded.',
  })
  @ApiBody({ schema: openApiSchema(whatIfBodySchema) })
  @ApiResponse({ status: 200, schema: whatIfReportSchema })
  @ApiResponse(BAD_POLICY)
  @ApiResponse(BAD_WINDOW)
  whatIf(@Body(new ZodValidationPipe(whatIfBodySchema, 'body')) body: z.infer<typeof whatIfBodySchema>) {
    return this.reports.whatIf(resolveWindow(body), body.policy);
  }
}
