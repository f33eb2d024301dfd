/** GET /v1/dashboard: the console's dashboard figures over a window (dashboard-figures.service.ts). */
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiQueryFrom, dashboardSchema, problemSchema } from '../openapi/openapi-schemas';
import { resolveWindow, windowQuery } from '../reports/report-window';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { DashboardFiguresService } from './dashboard-figures.service';

export const dashboardQuerySchema = z.strictObject(windowQuery);

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('v1/dashboard')
export class DashboardController {
  constructor(@Inject(DashboardFiguresService) private readonly dashboard: DashboardFiguresService) {}

  @Get()
  @ApiOperation({
    summary: 'Dashboard figures: workload and open cases now, flows over a window',
    description:
      'Computed by SQL from the store in one snapshot. Now: `workload` (open cases per queue; per owner open, breached, and at risk: ' +
      'an open promise of the case is past the policy\'s warning point, as the case\'s `atRisk` says), ' +
      '`openByStatus`, `openByAge` (by receivedAt: under 1 day, 1-3, 3-7, 7-28, over 28 days). Over [from, to): ' +
      '`promiseKeepingByWeek` (PromiseKept/PromiseBroken by ISO week, Monday UTC), `escalationsByReason` (Escalated), ' +
      '`timeToAcknowledge` and `timeToFinalResponse` (cases received in the window, from receipt to ComplaintAcknowledged / first ' +
      'ResolutionIssued, percentile_cont; targets from the active policy: acknowledgment of normal severity as a duration, ' +
      'the regulatory final-response period in clock time when counted in calendar time, null when in business days), ' +
      '`compensationApproved` (approved in the window, at once or by decision). `coversThrough`: the highest global event position included.',
  })
  @ApiQueryFrom(dashboardQuerySchema)
  @ApiResponse({ status: 200, schema: dashboardSchema })
  @ApiResponse({ status: 422, description: 'from is not before to', content: { 'application/problem+json': { schema: problemSchema } } })
  figures(@Query(new ZodValidationPipe(dashboardQuerySchema, 'query')) query: z.infer<typeof dashboardQuerySchema>) {
    return this.dashboard.figures(resolveWindow(query));
  }
}
