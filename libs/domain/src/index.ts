// libs/domain's front door: what the workflow front door (workflow.ts) exports, and the
// policy's parser and schema and the public-holiday library, which the workflow bundle must not load,
// and the read side's log of the customer's notices, report rows and report arithmetic.
export * from './workflow';
export * from './policy/policy-schema';
export * from './policy/policy-error';
export * from './policy/parse-policy';
export * from './calendar/public-holidays';
export * from './notices/notice-log';
export * from './reports/report-rows';
export * from './reports/what-if-replay';
export * from './reports/return-period';
export * from './reports/complaints-return';
export * from './reports/root-causes';
