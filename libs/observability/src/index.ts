export * from './request-id';
export * from './request-context';
export * from './tracing-switch';
export * from './tracing';
export * from './tracing-shutdown';
export * from './temporal-interceptors';
export { REQUEST_ID_ATTRIBUTE } from '../../../workflows/interceptors/request-id-header';
