/**
 * Security headers on every answer of the API (helmet 8): HSTS, nosniff, no framing, no
 * referrer, cross-origin isolation, and a Content-Security-Policy per kind of answer:
 *   - the JSON answers (and problem+json, and anything else): `default-src 'none'`, so a
 *     browser made to open one can run, load or frame nothing;
 *   - the Swagger UI at /docs: its own inline script and styles, same origin otherwise;
 *   - the console at /console: same origin only (plus data: images).
 * The later middleware's header wins, so the general one is mounted first.
 */
import helmet from 'helmet';

export const apiSecurityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
});

export const docsSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
});

export const consoleSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
});
