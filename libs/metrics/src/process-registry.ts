/**
 * Each process (an API, a worker) keeps its figures in a registry of its own, labelled with
 * the process's role, with Node's own process figures (CPU, memory, event-loop lag, GC)
 * alongside. A registry per application, not prom-client's global one, so two applications
 * in one process (as in the tests) never count into each other.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

export type ProcessRole = 'api' | 'worker';

export function processRegistry(role: ProcessRole): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ process: role });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Prometheus's text exposition format, as `GET /metrics` answers it. */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
