export * from './parent-watch';
export * from './restart-backoff';
export * from './supervised-process';
export * from './process-priority';
export * from './stop-child';
