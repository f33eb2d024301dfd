import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pino, type DestinationStream } from 'pino';
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
import { requestIdLogFields, TracingShutdown } from '../../../libs/observability/src';
import { HOST_RESOLVER, WORKER_CONFIG, WORKER_LOGGER } from './worker-tokens';

@Module({})
export class WorkerModule {
  /** `logDestination`: where the JSON log lines go (default stdout; a test reads them) */
  static forConfig(config: AppConfig, hostResolver: HostResolver = systemResolver, logDestination?: DestinationStream): DynamicModule {
    // every line written while an activity or an outbox start runs carries its request id
    const options = { level: config.logLevel, mixin: requestIdLogFields };
    const logger = logDestination ? pino(options, logDestination) : pino(options);
    return {
      module: WorkerModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger } })],
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: WORKER_LOGGER, useValue: logger },
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
        TracingShutdown,
      ],
    };
  }
}
