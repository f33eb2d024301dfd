export * from './callback-destination-rule';
export * from './checked-dispatcher';
export * from './host-resolver';
