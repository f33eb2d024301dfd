/**
 * The worker's Temporal client (for the outbox relay): lazy, with quick reconnects after an
 * outage; its starts and signals carry the request id (and the trace) they are made for.
 */
import type { Provider } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { requireConnections, type AppConfig } from '../../../../libs/config/src';
import { activeTracing, temporalClientInterceptors } from '../../../../libs/observability/src';
import { WORKER_CONFIG } from '../worker-tokens';

export const workerTemporalClientProvider: Provider = {
  provide: Client,
  inject: [WORKER_CONFIG],
  useFactory: (config: AppConfig): Client => {
    const connection = Connection.lazy({
      address: requireConnections(config).temporalAddress,
      connectTimeout: '2s',
      channelArgs: { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 2_000 },
    });
    return new Client({ connection, namespace: config.temporal.namespace, interceptors: temporalClientInterceptors(activeTracing()) });
  },
};
