/** GET /v1/reports/…: managers', directors' and auditors' reports, computed from events alone (reports.service.ts). */
import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiQueryFrom, fairnessReportSchema, openApiSchema, outcomesReportSchema, problemSchema, promisesReportSchema, whatIfReportSchema } from '../openapi/openapi-schemas';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { DEFAULT_FAIRNESS_THRESHOLDS, FAIRNESS_GROUPINGS } from './fairness-judgement';
import { PROMISE_GROUPINGS } from './promises-report';
import { resolveWindow, windowQuery } from './report-window';
import { ReportsService } from './reports.service';

export const promisesQuerySchema = z.strictObject({
  ...windowQuery,
  groupBy: z.enum(PROMISE_GROUPINGS).default('month').describe('owner or team when each promise was made, the case’s category, or the month it was made'),
});
export const fairnessQuerySchema = z.strictObject({
  ...windowQuery,
  by: z.enum(FAIRNESS_GROUPINGS).default('segment').describe('the customer’s segment, the channel the complaint came in by, or the customer’s language'),
});
export const outcomesQuerySchema = z.strictObject(windowQuery);
export const whatIfBodySchema = z.strictObject({
  ...windowQuery,
  policy: z.looseObject({}).describe('the candidate policy, as a policy file would hold it (JSON); validated as one'),
});

const BAD_WINDOW = { status: 422, description: 'from is not before to', content: { 'application/problem+json': { schema: problemSchema } } };
const BAD_INPUT = { status: 422, description: 'from is not before to, or the candidate policy is not a valid policy (every bad field named)', content: { 'application/problem+json': { schema: problemSchema } } };

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

  @Get('fairness')
  @ApiOperation({
    summary: 'Fairness: cases received in [from, to) per segment, channel or language, each group against the rest, gaps flagged with the test that found them',
    description:
      'Per group: times from receipt to acknowledgment, to first contact and to the first final response (count of the cases that got there, median and p90 in milliseconds, ' +
      'interpolated as percentile_cont; cases not there yet are left out of that figure); rates with their counts: upheld (fully or partially) and reopened of the cases answered, ' +
      'escalated, offered compensation and with a promise broken of all the cases, compensation approved of the cases offered it; escalations and broken promises in all; ' +
      'compensation offered and approved by currency (minor units). A case without a segment or language is in group `(none)`. ' +
      'Each group is compared with all the other cases of the window on every figure: Mann-Whitney U on the times (two-sided, normal approximation with the tie correction, ' +
      'no continuity correction), the two-proportion z-test on the rates (two-sided, pooled). The p-values of one report are adjusted together with Holm’s method ' +
      '(`adjustedPValue`), and a gap is `flagged` when its adjusted p is below the policy’s `reports.fairnessAlpha`, so α bounds the chance of any false flag in the report. ' +
      `A group with fewer cases than the policy’s \`reports.minGroupSize\` is \`tooSmall\`: shown, not compared; a figure whose sample (the group’s or the rest’s) is that small is listed in \`notJudged\`. ` +
      `Without a \`reports\` section in the policy: α = ${DEFAULT_FAIRNESS_THRESHOLDS.alpha}, minimum group size ${DEFAULT_FAIRNESS_THRESHOLDS.minGroupSize}. ` +
      'From events alone, folded into the report tables in global order.',
  })
  @ApiQueryFrom(fairnessQuerySchema)
  @ApiResponse({ status: 200, schema: fairnessReportSchema })
  @ApiResponse(BAD_WINDOW)
  fairness(@Query(new ZodValidationPipe(fairnessQuerySchema, 'query')) query: z.infer<typeof fairnessQuerySchema>) {
    return this.reports.fairness(resolveWindow(query), query.by);
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
  @ApiResponse(BAD_INPUT)
  whatIf(@Body(new ZodValidationPipe(whatIfBodySchema, 'body')) body: z.infer<typeof whatIfBodySchema>) {
    return this.reports.whatIf(resolveWindow(body), body.policy);
  }
}
