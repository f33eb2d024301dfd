/**
 * The Temporal SDK runtime is process-wide and can be installed once: its log lines (the
 * SDK's and core's, and those of workflows and activities, with their attributes: workflow
 * and activity ids, the request id) go to the worker's pino logger as JSON, at WARN unless
 * the worker logs at debug (the SDK's default is chatty).
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger as PinoLogger } from 'pino';

let installed = false;

export function installTemporalRuntime(level: LogLevel, logger: PinoLogger): void {
  if (installed) return;
  installed = true;
  const pinoLevel = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
  Runtime.install({ logger: new DefaultLogger(level, ({ level, message, meta }) => logger[pinoLevel[level]](meta ?? {}, message)) });
}
