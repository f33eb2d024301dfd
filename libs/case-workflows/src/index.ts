export * from './case-workflow-input';
export * from './case-workflow-starter';
