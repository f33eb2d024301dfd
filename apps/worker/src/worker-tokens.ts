export const WORKER_CONFIG = Symbol('WorkerConfig');
/** The HostResolver webhook delivery resolves callback hosts through (the system's, unless a test gives one). */
export const HOST_RESOLVER = Symbol('HostResolver');
/** The worker's pino logger (JSON lines): Nest's logger and the Temporal runtime's write to it. */
export const WORKER_LOGGER = Symbol('WorkerLogger');
