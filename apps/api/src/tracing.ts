/**
 * OpenTelemetry tracing of the api process when the standard `OTEL_*` variables ask for it
 * (libs/observability/src/tracing-switch.ts; off by default): main.ts imports this first,
 * before anything it instruments (HTTP, Express, NestJS, pg) is loaded.
 */
import { startTracing } from '../../../libs/observability/src';

startTracing('complaints-api');
