/**
 * The load's HTTP client, as an intake system and the agents' tools reach two API
 * processes: requests take turns between the APIs (a retry goes to the other one), each
 * with a timeout, each written to the request log; the requests in flight to each API are
 * counted, so a fault can kill an API while it is answering.
 */
import type { Principal } from './chaos-keys';
import type { RequestKind, RequestLog } from './request-log';

export interface Reply {
  /** null: no answer */
  status: number | null;
  body: unknown;
  /** seconds, from Retry-After */
  retryAfterSeconds: number | undefined;
  error: string | undefined;
}

/** Longer than the API's own deadlines (a case update waits at most 15 s for its workflow). */
const REQUEST_TIMEOUT_MS = 30_000;

export class ChaosHttp {
  private turn = 0;
  readonly inFlight: number[];

  constructor(
    readonly baseUrls: string[],
    private readonly log: RequestLog,
  ) {
    this.inFlight = baseUrls.map(() => 0);
  }

  async request(
    kind: RequestKind,
    method: 'GET' | 'POST',
    route: string,
    as: Principal,
    options: { body?: unknown; headers?: Record<string, string>; burst?: boolean } = {},
  ): Promise<Reply> {
    const api = this.turn++ % this.baseUrls.length;
    const sentAt = this.log.now();
    this.inFlight[api] += 1;
    let reply: Reply;
    try {
      const response = await fetch(`${this.baseUrls[api]}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${as.secret}`,
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      const retryAfter = response.headers.get('retry-after');
      reply = {
        status: response.status,
        body,
        retryAfterSeconds: retryAfter === null || !Number.isFinite(Number(retryAfter)) ? undefined : Number(retryAfter),
        error: response.ok ? undefined : `${method} ${route}: ${response.status} ${text.slice(0, 200)}`,
      };
    } catch (error) {
      const cause = (error as Error).cause;
      const reason = cause instanceof Error ? cause.message : (error as Error).message;
      reply = { status: null, body: undefined, retryAfterSeconds: undefined, error: `${method} ${route}: no answer (${reason})` };
    } finally {
      this.inFlight[api] -= 1;
    }
    this.log.add({
      sentAt,
      ms: this.log.now() - sentAt,
      kind,
      api,
      status: reply.status,
      ...(reply.status === 429 ? { retryAfter: reply.retryAfterSeconds !== undefined } : {}),
      ...(options.burst ? { burst: true } : {}),
    });
    return reply;
  }

  /** GET until it answers 200 (after Retry-After, or a second), at most `attempts` times; the body, or the last failure thrown. */
  async getOk(route: string, as: Principal, attempts = 30): Promise<unknown> {
    let last: Reply | undefined;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      last = await this.request('read', 'GET', route, as);
      if (last.status === 200) return last.body;
      await new Promise((resolve) => setTimeout(resolve, Math.min(10, last?.retryAfterSeconds ?? 1) * 1_000));
    }
    throw new Error(last?.error ?? `GET ${route}: no answer`);
  }
}
