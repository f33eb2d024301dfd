/** GET /v1/reports/…: managers', directors' and auditors' reports, computed from events alone (reports.service.ts). */
import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { RETURN_PERIOD_PATTERN } from '../../../../libs/domain/src';
import {
  ApiQueryFrom,
  fairnessReportSchema,
  openApiSchema,
  outcomesReportSchema,
  problemSchema,
  promisesReportSchema,
  returnsReportSchema,
  rootCausesReportSchema,
  whatIfReportSchema,
} from '../openapi/openapi-schemas';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { DEFAULT_FAIRNESS_THRESHOLDS, FAIRNESS_GROUPINGS } from './fairness-judgement';
import { PROMISE_GROUPINGS } from './promises-report';
import { resolveWindow, windowQuery } from './report-window';
import { ReportsService } from './reports.service';
import { returnsCsv } from './returns-csv';

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

const BAD_INPUT = { status: 422, description: 'from is not before to, or the candidate policy is not a valid policy (every bad field named)', content: { 'application/problem+json': { schema: problemSchema } } };
export const rootCausesQuerySchema = z.strictObject(windowQuery);
export const returnsQuerySchema = z.strictObject({
  period: z
    .string()
    .regex(RETURN_PERIOD_PATTERN, 'expected a half year: YYYYH1 (1 January to 30 June) or YYYYH2 (1 July to 31 December)')
    .describe('the half year, in the policy’s time zone: YYYYH1 (1 January to 30 June) or YYYYH2 (1 July to 31 December)'),
});

const BAD_WINDOW = { status: 422, description: 'from is not before to', content: { 'application/problem+json': { schema: problemSchema } } };
const BAD_PERIOD = { status: 400, description: 'period is not YYYYH1 or YYYYH2', content: { 'application/problem+json': { schema: problemSchema } } };

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

  @Get('returns')
  @ApiOperation({
    summary: 'The regulator’s complaints return (UK FCA DISP 1.10 style) of a half year, per product group; JSON, or CSV with `Accept: text/csv`',
    description:
      'Categories are grouped as the policy’s `returns.productGroups` maps them; categories it maps to none are reported together in a last ' +
      'group `(unmapped)` that lists them. Opened: received in the period. Closed: the first final response (or summary resolution letter) went ' +
      'out in the period, as the FCA counts a complaint closed; complaints withdrawn or merged without a response are counted apart ' +
      '(`endedWithoutResponse`). Within 3 business days: by the end of the third business day after the day of receipt, on the policy’s ' +
      'calendar; 8 weeks: calendar weeks from receipt. Upheld: upheld or partially upheld, `upheldPercent` of those closed. Redress: compensation ' +
      'approved in the period, per currency in minor units, reconciled with the CompensationApproved events of the period (`reconciliation`). ' +
      'CSV: a header row, a row per group and a `Total` row, RFC 4180 quoting, as an attachment `complaints-return-<period>.csv`.',
  })
  @ApiQueryFrom(returnsQuerySchema)
  @ApiResponse({
    status: 200,
    content: {
      'application/json': { schema: returnsReportSchema },
      'text/csv': { schema: { type: 'string', description: 'the same figures, a row per product group and a Total row (RFC 4180)' } },
    },
  })
  @ApiResponse(BAD_PERIOD)
  async returns(
    @Query(new ZodValidationPipe(returnsQuerySchema, 'query')) query: z.infer<typeof returnsQuerySchema>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.reports.returns(query.period);
    response.vary('Accept'); // one URL, two representations: caches must key on Accept
    if (request.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="complaints-return-${report.period}.csv"`);
    return returnsCsv(report);
  }

  @Get('root-causes')
  @ApiOperation({
    summary: 'Why complaints happen: final responses issued in [from, to) by category, month and root cause, recurring causes flagged',
    description:
      'Every final response counts (a reopened case’s later answers too), in the month it went out in the policy’s time zone; a response that ' +
      'named no cause counts as `(none)` and is never flagged. `label`: the policy’s label of the code (null when it lists it no more). ' +
      '`recurring`: named at least `recurringCauseThreshold` times in that category and month (the policy’s `reports.recurringCauseThreshold`, ' +
      'default 3).',
  })
  @ApiQueryFrom(rootCausesQuerySchema)
  @ApiResponse({ status: 200, schema: rootCausesReportSchema })
  @ApiResponse(BAD_WINDOW)
  rootCauses(@Query(new ZodValidationPipe(rootCausesQuerySchema, 'query')) query: z.infer<typeof rootCausesQuerySchema>) {
    return this.reports.rootCauses(resolveWindow(query));
  }
}
