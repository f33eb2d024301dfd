/**
 * The Temporal SDK runtime is process-wide and can be installed once: route its logs
 * through a WARN-level logger instead of the SDK's chatty default.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

export function installTemporalRuntime(level: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' = 'WARN'): void {
  if (installed) return;
  installed = true;
  Runtime.install({ logger: new DefaultLogger(level) });
}
