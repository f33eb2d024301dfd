// The audit trail over the event store: verification of the stored hash chains (the whole
// store, in the database: verify-store), signed checkpoints of every stream head, the
// auditors' access log, and the pure verification of chains, checkpoints and dossiers that
// the API, the verify-dossier CLI and the tests share (verification/: no database there).
// Its tables are made by the event store's migrations.
export * from './access-log';
export * from './binary-copy-parser';
export * from './chain-screen';
export * from './checkpoint-store';
export * from './verify-store';
export * from './verification/canonical-content';
export * from './verification/chain-verifier';
export * from './verification/checkpoint-check';
export * from './verification/checkpoint-signature';
export * from './verification/dossier';
export * from './verification/dossier-verification';
export * from './verification/json-coverage';
export * from './verification/merkle-tree';
export * from './verification/stream-head';
export * from './verification/verification-report';
