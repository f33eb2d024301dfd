import { tracingRequested } from './tracing-switch';

describe('whether a process traces', () => {
  it.each([
    ['no OTEL_* variable', {}],
    ['only a service name', { OTEL_SERVICE_NAME: 'complaints-api' }],
    ['the exporter none', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
    ['the SDK disabled', { OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }],
    ['the SDK disabled (any case)', { OTEL_SDK_DISABLED: 'TRUE', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
    ['a blank endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }],
  ])('is off with %s', (_case, env) => {
    expect(tracingRequested(env)).toBe(false);
  });

  it.each([
    ['an exporter named', { OTEL_TRACES_EXPORTER: 'otlp' }],
    ['the console exporter', { OTEL_TRACES_EXPORTER: 'console' }],
    ['several exporters', { OTEL_TRACES_EXPORTER: 'otlp, console' }],
    ['an OTLP endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
    ['an OTLP traces endpoint', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }],
    ['the SDK not disabled', { OTEL_SDK_DISABLED: 'false', OTEL_TRACES_EXPORTER: 'otlp' }],
  ])('is on with %s', (_case, env) => {
    expect(tracingRequested(env)).toBe(true);
  });
});
