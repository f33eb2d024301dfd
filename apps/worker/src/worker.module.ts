import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../../../libs/config/src';
import { systemResolver, type HostResolver } from '../../../libs/callbacks/src';
import { ComplaintActivitiesService } from './activities/complaint-activities.service';
import { CheckpointSchedulerService } from './audit/checkpoint-scheduler.service';
import { workerDataSourceProvider } from './database/database.providers';
import { WorkerMetrics } from './metrics/worker-metrics';
import { WorkerMetricsServer } from './metrics/worker-metrics-server';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { ReportProjectorService } from './reports/report-projector.service';
import { workerTemporalClientProvider } from './temporal/temporal-client.provider';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { HOST_RESOLVER, WORKER_CONFIG } from './worker-tokens';

@Module({})
export class WorkerModule {
  static forConfig(config: AppConfig, hostResolver: HostResolver = systemResolver): DynamicModule {
    return {
      module: WorkerModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } })],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: HOST_RESOLVER, useValue: hostResolver },
        workerDataSourceProvider,
        workerTemporalClientProvider,
        WorkerMetrics,
        WorkerMetricsServer,
        ComplaintActivitiesService,
        TemporalWorkerService,
        OutboxRelayService,
        CheckpointSchedulerService,
        ReportProjectorService,
      ],
    };
  }
}
