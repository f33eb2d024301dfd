/** GET /v1/reports/…: managers', directors' and auditors' reports, computed from events alone (reports.service.ts). */
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiQueryFrom, outcomesReportSchema, problemSchema, promisesReportSchema } from '../openapi/openapi-schemas';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { PROMISE_GROUPINGS } from './promises-report';
import { resolveWindow, windowQuery } from './report-window';
import { ReportsService } from './reports.service';

export const promisesQuerySchema = z.strictObject({
  ...windowQuery,
  groupBy: z.enum(PROMISE_GROUPINGS).default('month').describe('owner or team when each promise was made, the case’s category, or the month it was made'),
});
export const outcomesQuerySchema = z.strictObject(windowQuery);

const BAD_WINDOW = { status: 422, description: 'from is not before to', content: { 'application/problem+json': { schema: problemSchema } } };

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
}
