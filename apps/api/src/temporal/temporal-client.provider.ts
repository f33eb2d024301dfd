/**
 * The Temporal client of the API. The connection is lazy: the API starts, and intake
 * keeps accepting complaints, while Temporal is down; only case commands need it. Every call
 * carries the request's id (and its trace, when the API traces).
 */
import type { Provider } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { requireConnections } from '../../../../libs/config/src';
import { activeTracing, temporalClientInterceptors } from '../../../../libs/observability/src';
import { APP_CONFIG, type AppConfig } from '../config/tokens';

export const temporalClientProvider: Provider = {
  provide: Client,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Client => {
    const { temporalAddress } = requireConnections(config);
    const connection = Connection.lazy({ address: temporalAddress, connectTimeout: '3s' });
    return new Client({ connection, namespace: config.temporal.namespace, interceptors: temporalClientInterceptors(activeTracing()) });
  },
};
