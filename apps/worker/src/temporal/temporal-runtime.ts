/**
 * The Temporal SDK runtime is process-wide and can be installed once: its log lines (the
 * SDK's and core's, and those of workflows and activities, with their attributes: workflow
 * and activity ids, the request id) go to the worker's pino logger as JSON, at WARN unless
 * the worker logs at debug (the SDK's default is chatty); and, when the worker serves
 * metrics, the SDK exports its own worker figures in Prometheus's format on a loopback port
 * (the worker's metrics server serves them beside its own).
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger as PinoLogger } from 'pino';

let installed: { sdkMetricsUrl: string | undefined } | undefined;

/** Install the runtime (once per process); returns where the SDK's metrics are scraped, if it exports them. */
export function installTemporalRuntime(level: LogLevel, logger: PinoLogger, sdkMetricsPort?: number): string | undefined {
  if (!installed) {
    const pinoLevel = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
    const bindAddress = sdkMetricsPort === undefined ? undefined : `127.0.0.1:${sdkMetricsPort}`;
    Runtime.install({
      logger: new DefaultLogger(level, ({ level, message, meta }) => logger[pinoLevel[level]](meta ?? {}, message)),
      ...(bindAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress, countersTotalSuffix: true, useSecondsForDurations: true } } } } : {}),
    });
    installed = { sdkMetricsUrl: bindAddress && `http://${bindAddress}/metrics` };
  }
  return installed.sdkMetricsUrl;
}
