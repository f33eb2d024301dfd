/**
 * Hosts the Temporal Worker for the complaint task queue. In production it loads the
 * prebuilt workflow bundle (WORKFLOW_BUNDLE, made by `npm run build`); without one it
 * bundles the workflow source at start-up. Before polling it ensures the case's search
 * attributes on the server (the workflows set them). The run is awaited and its failure is fatal:
 * a worker that stopped polling must not look healthy.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Logger as PinoLogger } from 'pino';
import path from 'node:path';
import { ensureCaseSearchAttributes } from '../../../../libs/case-workflows/src';
import { requireConnections, repoRoot, type AppConfig } from '../../../../libs/config/src';
import {
  activeTracing,
  temporalWorkerInterceptors,
  tracedWorkflowBundle,
  workflowInterceptorModules,
} from '../../../../libs/observability/src';
import { ComplaintActivitiesService } from '../activities/complaint-activities.service';
import { WORKER_CONFIG, WORKER_LOGGER } from '../worker-tokens';
import { freePort } from '../../../../libs/embedded-services/src';
import { WorkerMetricsServer } from '../metrics/worker-metrics-server';
import { installTemporalRuntime } from './temporal-runtime';

/** The workflow code: the prebuilt bundle (the traced one when the process traces), or the sources bundled now. */
export function workflowSource(config: AppConfig, traced: boolean): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> & { workflowModules?: string[] } {
  if (config.workflowBundle) {
    return { workflowBundle: { codePath: path.resolve(traced ? tracedWorkflowBundle(config.workflowBundle) : config.workflowBundle) } };
  }
  return { workflowsPath: require.resolve(path.join(repoRoot(), 'workflows')), workflowModules: workflowInterceptorModules(traced) };
}

@Injectable()
export class TemporalWorkerService implements OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker: Worker | undefined;
  private connection: NativeConnection | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(ComplaintActivitiesService) private readonly activities: ComplaintActivitiesService,
    @Inject(WorkerMetricsServer) private readonly metricsServer: WorkerMetricsServer,
    @Inject(WORKER_LOGGER) private readonly log: PinoLogger,
  ) {}

  /** Connect (retrying until Temporal answers) and start polling; resolves once polling. */
  async start(): Promise<void> {
    const { temporalAddress } = requireConnections(this.config);
    const sdkMetricsUrl = installTemporalRuntime(
      this.config.logLevel === 'debug' || this.config.logLevel === 'trace' ? 'DEBUG' : 'WARN',
      this.log,
      this.config.workerMetricsPort === undefined ? undefined : await freePort(),
    );
    if (this.config.workerMetricsPort !== undefined) await this.metricsServer.start(this.config.workerMetricsPort, sdkMetricsUrl);
    this.connection = await connectWithRetry(temporalAddress, this.logger);
    // the case workflows this worker runs set their search attributes: they must exist first
    await ensureCaseSearchAttributes(this.connection, this.config.temporal.namespace);
    const tracing = activeTracing();
    const { activity, sinks } = temporalWorkerInterceptors(tracing);
    const { workflowModules, ...workflows } = workflowSource(this.config, tracing !== undefined);
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.temporal.namespace,
      taskQueue: this.config.temporal.taskQueue,
      activities: this.activities.activities(),
      // bounded, so memory does not grow with the number of open cases
      maxCachedWorkflows: this.config.workerMaxCachedWorkflows,
      interceptors: { activity, workflowModules },
      sinks,
      ...workflows,
    });
    this.running = this.worker.run();
    this.logger.log(`polling task queue ${this.config.temporal.taskQueue} at ${temporalAddress}`);
  }

  /** Resolves when the worker stops; rejects if it fails. */
  done(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch((error: unknown) => this.logger.error(`worker stopped with ${String(error)}`));
    await this.connection?.close();
  }
}

async function connectWithRetry(address: string, logger: Logger): Promise<NativeConnection> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await NativeConnection.connect({ address });
    } catch (error) {
      const waitMs = Math.min(5_000, 250 * 2 ** Math.min(attempt, 5));
      logger.warn(`Temporal at ${address} not reachable (${(error as Error).message}); retrying in ${waitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
