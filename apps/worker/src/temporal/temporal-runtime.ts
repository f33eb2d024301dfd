/**
 * The Temporal SDK runtime is process-wide and can be installed once: route its logs
 * through a WARN-level logger instead of the SDK's chatty default, and, when the worker
 * serves metrics, have the SDK export its own worker figures in Prometheus's format on a
 * loopback port (the worker's metrics server serves them beside its own).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

let installed: { sdkMetricsUrl: string | undefined } | undefined;

/** Install the runtime (once per process); returns where the SDK's metrics are scraped, if it exports them. */
export function installTemporalRuntime(level: LogLevel, sdkMetricsPort?: number): string | undefined {
  if (!installed) {
    const bindAddress = sdkMetricsPort === undefined ? undefined : `127.0.0.1:${sdkMetricsPort}`;
    Runtime.install({
      logger: new DefaultLogger(level),
      ...(bindAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress, countersTotalSuffix: true, useSecondsForDurations: true } } } } : {}),
    });
    installed = { sdkMetricsUrl: bindAddress && `http://${bindAddress}/metrics` };
  }
  return installed.sdkMetricsUrl;
}
