/** The API's database connection, migrated at start-up and closed on shutdown. */
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { requireConnections } from '../../../../libs/config/src';
import { openDatabase } from '../../../../libs/event-store/src';
import { APP_CONFIG, type AppConfig } from '../config/tokens';

export const dataSourceProvider: Provider = {
  provide: DataSource,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    openDatabase({ url: requireConnections(config).databaseUrl, poolSize: 20, applicationName: 'complaints-api' }),
};

@Injectable()
export class DatabaseShutdown implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}
