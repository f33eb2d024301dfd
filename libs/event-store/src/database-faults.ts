/**
 * What a failed database call means, in one place: a *transient* fault (the database is
 * down, restarting, overloaded, or chose this transaction as a deadlock victim) is worth
 * retrying; *refused content* (PostgreSQL will never store this: invalid text, a value
 * out of range, a limit exceeded) fails the same way on every retry and must not be
 * retried. Anything else is neither: a bug, to be seen, not hidden.
 *
 * SQLSTATE classes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 * Content the event hash refuses before the database sees it (event-hash.ts) is refused
 * content too.
 */
import { UnhashableContentError } from './event-hash';

export type DatabaseFault = 'transient' | 'refused-content' | 'other';

/** Node socket errors and pg-pool/pg messages of a connection that is gone or never came. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Connection ended|the database system is (starting up|shutting down|in recovery)/i;

/** SQLSTATE classes (two characters) or codes that are worth a retry. */
const TRANSIENT_SQLSTATES = ['08', '40', '53', '57P', '58', '55P03', 'XX001'];
/** SQLSTATE classes or codes of content PostgreSQL refuses whatever happens. */
const REFUSED_SQLSTATES = ['22', '54', '23502', '23514', '2200'];

/** The error and what it wraps (TypeORM's driverError, an Error's cause), a few levels deep. */
function* chain(error: unknown): Generator<{ code?: unknown; message?: unknown }> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    yield e;
    current = e.driverError ?? e.cause;
  }
}

function sqlStateOf(error: unknown): string | undefined {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

function connectionErrorOf(error: unknown): boolean {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && CONNECTION_ERROR_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGES.test(e.message)) return true;
  }
  return false;
}

export function classifyDatabaseFault(error: unknown): DatabaseFault {
  if (error instanceof UnhashableContentError) return 'refused-content';
  const state = sqlStateOf(error);
  if (state) {
    if (TRANSIENT_SQLSTATES.some((prefix) => state.startsWith(prefix))) return 'transient';
    if (REFUSED_SQLSTATES.some((prefix) => state.startsWith(prefix))) return 'refused-content';
    return 'other';
  }
  return connectionErrorOf(error) ? 'transient' : 'other';
}
