export * from './event-append-metrics';
export * from './process-registry';
