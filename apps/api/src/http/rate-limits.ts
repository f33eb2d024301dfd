/**
 * Per-key rate limits (@nestjs/throttler): each API key may make `RATE_LIMIT` requests per
 * window across all routes, in each API process; requests without a key (the health
 * checks, a missing or unknown key, which the key guard refuses first) count against their
 * address. Beyond it: 429 problem+json with `Retry-After` (seconds), and every admitted answer
 * carries `X-RateLimit-Limit`, `-Remaining` and `-Reset`. The guard runs after the key guard,
 * so it knows whose key it is.
 */
import { Injectable, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import type { RateLimit } from '../../../../libs/config/src';
import type { AuthenticatedRequest } from '../auth/principal';

/** `default`: the library's name that gives the plain `Retry-After` header. */
const THROTTLER = 'default';

export function rateLimitModule(limit: RateLimit): DynamicModule {
  return ThrottlerModule.forRoot({
    throttlers: [{ name: THROTTLER, limit: limit.limit, ttl: limit.windowMs }],
    errorMessage: `more than ${limit.limit} requests in ${limit.windowMs} ms from this API key; retry after the seconds Retry-After gives`,
  });
}

@Injectable()
export class PerKeyRateLimitGuard extends ThrottlerGuard {
  protected override getTracker(request: Request & AuthenticatedRequest): Promise<string> {
    return Promise.resolve(request.principal ? `key:${request.principal.id}` : `address:${request.ip ?? 'unknown'}`);
  }

  /** One budget per key across every route (the library's default is per route). */
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }
}
