/** The API's CaseWorkflowStarter: what a case command asks for when it finds no workflow running. */
import type { Provider } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CaseWorkflowStarter } from '../../../../libs/case-workflows/src';
import { APP_CONFIG, type AppConfig } from '../config/tokens';

export const caseWorkflowStarterProvider: Provider = {
  provide: CaseWorkflowStarter,
  inject: [Client, DataSource, APP_CONFIG],
  useFactory: (temporal: Client, db: DataSource, config: AppConfig) => new CaseWorkflowStarter(temporal, db.manager, config.temporal.taskQueue),
};
