// Pure verification of hash chains, signed checkpoints and dossiers: shared by the API,
// the verify-dossier CLI and the tests. No database here.
export * from './chain-verifier';
export * from './checkpoint-check';
export * from './checkpoint-signature';
export * from './dossier';
export * from './dossier-verification';
export * from './json-coverage';
export * from './merkle-tree';
export * from './stream-head';
export * from './verification-report';
