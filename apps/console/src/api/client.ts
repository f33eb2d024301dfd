/**
 * The console's only way to the API: same origin, `Authorization: Bearer <key>`, JSON in,
 * JSON or problem+json out. A 401 forgets the key (it was revoked or mistyped).
 */
import { ProblemError, type ProblemDetails } from './problem';

let currentKey: string | null = null;
let onUnauthenticated: () => void = () => undefined;

export function setApiKey(key: string | null, whenRefused: () => void): void {
  currentKey = key;
  onUnauthenticated = whenRefused;
}

export function authorization(key = currentKey): Record<string, string> {
  return key ? { Authorization: `Bearer ${key}` } : {};
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; key?: string; headers?: Record<string, string> } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers: {
      Accept: 'application/json, application/problem+json',
      ...authorization(init.key ?? currentKey),
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const payload: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && !init.key) onUnauthenticated();
    const problem = (payload && typeof payload === 'object' ? payload : {}) as ProblemDetails;
    throw new ProblemError({ ...problem, status: response.status });
  }
  return payload as T;
}

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
