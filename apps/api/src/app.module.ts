import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { REQUEST_ID_ATTRIBUTE, TracingShutdown } from '../../../libs/observability/src';
import { AuditController } from './audit/audit.controller';
import { auditSignerProvider } from './audit/audit-signer.provider';
import { AuditorAccessInterceptor } from './audit/auditor-access.interceptor';
import { CaseAuditController } from './audit/case-audit.controller';
import { CheckpointsService } from './audit/checkpoints.service';
import { DossierService } from './audit/dossier.service';
import { ReplayService } from './audit/replay.service';
import { VerificationService } from './audit/verification.service';
import { WorkflowHistoryService } from './audit/workflow-history.service';
import { ApiKeyGuard } from './auth/api-key.guard';
import { MeController } from './auth/me.controller';
import { ApiKeysController } from './admin/api-keys.controller';
import { PrincipalsService } from './auth/principals.service';
import { CaseCommandsService } from './complaints/case-commands.service';
import { CaseReadsService } from './complaints/case-reads.service';
import { CaseListService } from './complaints/case-list.service';
import { ComplaintEventNotifications } from './complaints/complaint-event-notifications.service';
import { ComplaintEventStreams } from './complaints/complaint-event-stream.service';
import { ComplaintsController } from './complaints/complaints.controller';
import { IntakeService } from './complaints/intake.service';
import { activePolicyProvider } from './config/policy.provider';
import { APP_CONFIG, CALLBACK_DESTINATIONS, type AppConfig } from './config/tokens';
import { CallbackDestinationRule } from '../../../libs/callbacks/src';
import { dataSourceProvider, DatabaseShutdown } from './database/database.providers';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardFiguresService } from './dashboard/dashboard-figures.service';
import { HealthController } from './health/health.controller';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { ApiMetrics } from './metrics/api-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { ApprovalsController } from './approvals/approvals.controller';
import { ApprovalsService } from './approvals/approvals.service';
import { ProblemFilter } from './problems/problem.filter';
import { PerKeyRateLimitGuard, rateLimitModule } from './http/rate-limits';
import { caseWorkflowStarterProvider } from './temporal/case-workflow-starter.provider';
import { temporalClientProvider } from './temporal/temporal-client.provider';

@Module({})
export class ApiModule {
  /** `logDestination`: where the JSON log lines go (default stdout; a test reads them) */
  static forConfig(config: AppConfig, logDestination?: DestinationStream): DynamicModule {
    const options = {
      level: config.logLevel,
      autoLogging: { ignore: (req: { url?: string }) => (req.url?.startsWith('/health') || req.url?.startsWith('/metrics')) ?? false },
      redact: ['req.headers.authorization'],
      // every line of a request carries its id (http/request-ids.ts sets it first)
      customProps: (req: { id?: unknown }) => ({ [REQUEST_ID_ATTRIBUTE]: req.id }),
    };
    return {
      module: ApiModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: logDestination ? [options, logDestination] : options }),
        TerminusModule.forRoot({ logger: false }),
        ...(config.rateLimit ? [rateLimitModule(config.rateLimit)] : []),
      ],
      controllers: [MetricsController, MeController, ReportsController, ApiKeysController, ComplaintsController, ApprovalsController, DashboardController, HealthController, AuditController, CaseAuditController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CALLBACK_DESTINATIONS, useValue: new CallbackDestinationRule(config.callbackDestinations) },
        dataSourceProvider,
        DatabaseShutdown,
        activePolicyProvider,
        temporalClientProvider,
        caseWorkflowStarterProvider,
        ApiMetrics,
        PrincipalsService,
        IntakeService,
        CaseReadsService,
        CaseCommandsService,
        CaseListService,
        ComplaintEventNotifications,
        ComplaintEventStreams,
        ApprovalsService,
        DashboardFiguresService,
        ReportsService,
        auditSignerProvider,
        VerificationService,
        CheckpointsService,
        ReplayService,
        DossierService,
        WorkflowHistoryService,
        TracingShutdown,
        { provide: APP_INTERCEPTOR, useClass: AuditorAccessInterceptor },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        // after the key guard: it limits per key
        ...(config.rateLimit ? [{ provide: APP_GUARD, useClass: PerKeyRateLimitGuard }] : []),
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
