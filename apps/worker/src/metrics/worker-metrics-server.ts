/**
 * The worker's `GET /metrics` on WORKER_METRICS_PORT: its own figures (WorkerMetrics) followed
 * by the Temporal SDK's, which the SDK's native runtime exports on a loopback port of its
 * own (temporal-runtime.ts); one scrape target per worker process. Anything else answers 404.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { METRICS_CONTENT_TYPE } from '../../../../libs/metrics/src';
import { WorkerMetrics } from './worker-metrics';

@Injectable()
export class WorkerMetricsServer implements OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server: http.Server | undefined;
  /** the port it listens on, once started */
  port: number | undefined;

  constructor(@Inject(WorkerMetrics) private readonly metrics: WorkerMetrics) {}

  /** Listen on `port` (0: any free one); `sdkMetricsUrl` is where the SDK's runtime exports its own. Resolves with the port. */
  async start(port: number, sdkMetricsUrl: string | undefined): Promise<number> {
    this.server = http.createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
        return;
      }
      this.text(sdkMetricsUrl).then(
        (text) => response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' }).end(text),
        (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(error)}\n`),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '0.0.0.0', resolve);
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.logger.log(`metrics on http://0.0.0.0:${this.port}/metrics`);
    return this.port;
  }

  private async text(sdkMetricsUrl: string | undefined): Promise<string> {
    const own = await this.metrics.registry.metrics();
    if (!sdkMetricsUrl) return own;
    // the SDK's figures are a courtesy: when its exporter does not answer, ours still go out
    const sdk = await fetch(sdkMetricsUrl, { signal: AbortSignal.timeout(2_000) })
      .then((reply) => (reply.ok ? reply.text() : ''))
      .catch(() => '');
    return sdk ? `${own}\n${sdk}` : own;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
