/** The worker's database connection, migrated at start-up and closed on shutdown. */
import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireConnections, type AppConfig } from '../../../../libs/config/src';
import { openDatabase } from '../../../../libs/event-store/src';
import { WORKER_CONFIG } from '../worker-tokens';

export const workerDataSourceProvider: Provider = {
  provide: DataSource,
  inject: [WORKER_CONFIG],
  useFactory: (config: AppConfig) =>
    openDatabase({ url: requireConnections(config).databaseUrl, poolSize: 10, applicationName: 'complaints-worker' }),
};
