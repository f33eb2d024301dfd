/** GET /metrics: the process's figures in Prometheus's text format, for Prometheus to scrape. */
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { METRICS_CONTENT_TYPE } from '../../../../libs/metrics/src';
import { ApiMetrics } from './api-metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ApiMetrics) private readonly metrics: ApiMetrics) {}

  @Get()
  @Header('Content-Type', METRICS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'This API process’s metrics in Prometheus text format',
    description:
      'HTTP latency by route and status, intake-to-acknowledgment latency, event appends, and the store’s figures ' +
      '(open cases by status, outbox backlog and oldest age, promises broken, escalations by reason). ' +
      'Needs no key unless METRICS_AUTH=admin, then an admin key. Each worker serves its own, with the Temporal SDK’s worker metrics, on WORKER_METRICS_PORT.',
  })
  @ApiProduces(METRICS_CONTENT_TYPE)
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
