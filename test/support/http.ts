/** A tiny HTTP client for the tests: JSON in, status + headers + parsed body out. */
import { randomUUID } from 'node:crypto';
import { TEST_KEYS } from './test-system';

export type KeyName = keyof typeof TEST_KEYS;

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = any>(
  baseUrl: string,
  method: string,
  route: string,
  options: { key?: KeyName | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== null) headers.authorization = `Bearer ${TEST_KEYS[options.key ?? 'agent']}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${baseUrl}${route}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** A realistic complaint body; fields can be overridden. */
export function complaintBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customer: { id: `cust-${randomUUID()}`, name: 'Dana Cohen', email: 'dana@example.com', segment: 'retail', language: 'he' },
    channel: 'email',
    category: 'billing',
    summary: 'Charged twice for the same invoice',
    description: 'My card was charged twice for invoice 2026-114. I want the duplicate refunded.',
    desiredOutcome: 'Refund of the duplicate charge',
    ...overrides,
  };
}

export function fileComplaint(baseUrl: string, body = complaintBody(), key: KeyName = 'intake', idempotencyKey = randomUUID()) {
  return call(baseUrl, 'POST', '/v1/complaints', { key, body, headers: { 'idempotency-key': idempotencyKey } });
}

export { eventually } from './eventually';
