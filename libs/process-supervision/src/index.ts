export * from './parent-watch';
export * from './restart-backoff';
export * from './supervised-process';
