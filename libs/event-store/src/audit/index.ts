// The audit trail in the database: signed checkpoints, verification of the stored chains, the access log.
export * from './access-log';
export * from './checkpoint-store';
export * from './verify-store';
