export * from './case-workflow-input';
export * from './case-workflow-starter';
export * from './case-search-attribute-registration';
