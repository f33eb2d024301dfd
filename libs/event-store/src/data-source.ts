/**
 * The PostgreSQL connection of the engine (TypeORM over pg) and its versioned migrations.
 * Migrations run at start-up under an advisory lock, so the API and the worker starting
 * together never race each other.
 */
import { DataSource } from 'typeorm';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema';
import { AuditTrail1763900000100 } from './migrations/1763900000100-audit-trail';
import { LeastPrivilegeRole1763900000101 } from './migrations/1763900000101-least-privilege-role';
import { CaseList1763900000200 } from './migrations/1763900000200-case-list';
import { CompensationProposals1763900000300 } from './migrations/1763900000300-compensation-proposals';
import { AppendFunctions1763900000400 } from './migrations/1763900000400-append-functions';
import { EventNotifications1763900000500 } from './migrations/1763900000500-event-notifications';
import { CaseListOwnerKind1763900000600 } from './migrations/1763900000600-case-list-owner-kind';
import { EventsByType1763900000700 } from './migrations/1763900000700-events-by-type';
import { CaseAtRisk1763900000800 } from './migrations/1763900000800-case-at-risk';
import { FollowedStreams1763900000900 } from './migrations/1763900000900-followed-streams';
import { OutboxLeases1763900001000 } from './migrations/1763900001000-outbox-leases';
import { CaseItems1763900001100 } from './migrations/1763900001100-case-items';
import { IntakeInOneStatement1763900001200 } from './migrations/1763900001200-intake-in-one-statement';
import { AdminLog1763900001300 } from './migrations/1763900001300-admin-log';
import { ReportTables1763900001400 } from './migrations/1763900001400-report-tables';
import { ReportResponses1763900001500 } from './migrations/1763900001500-report-responses';

export const MIGRATIONS = [
  InitialSchema1763900000000,
  AuditTrail1763900000100,
  LeastPrivilegeRole1763900000101,
  CaseList1763900000200,
  CompensationProposals1763900000300,
  AppendFunctions1763900000400,
  EventNotifications1763900000500,
  CaseListOwnerKind1763900000600,
  EventsByType1763900000700,
  CaseAtRisk1763900000800,
  FollowedStreams1763900000900,
  OutboxLeases1763900001000,
  CaseItems1763900001100,
  IntakeInOneStatement1763900001200,
  AdminLog1763900001300,
  ReportTables1763900001400,
  ReportResponses1763900001500,
];
const MIGRATION_LOCK_KEY = 7_263_900_001;

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    entities: [],
    synchronize: false,
    logging: false,
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? 'complaint-engine',
  });
}

/** Connect and bring the schema up to date; returns the ready data source. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
