// libs/domain's front door: what the workflow front door (workflow.ts) exports, and the
// policy's parser and schema and the public-holiday library, which the workflow bundle must not load.
export * from './workflow';
export * from './policy/policy-schema';
export * from './policy/policy-error';
export * from './policy/parse-policy';
export * from './calendar/public-holidays';
