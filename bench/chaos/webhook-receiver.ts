/**
 * The intake system's webhook endpoint in a chaos run: an HTTP server on a loopback port
 * that verifies each webhook's signature (Standard Webhooks, the engine's secret), logs it,
 * and answers as its current mode says: `ok` (204), `fail` (500), `hang` (never answers: the
 * sender gives up at its timeout), `slow` (204 after a delay). The log is what the audit
 * checks deliveries against.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type ReceiverMode = 'ok' | 'fail' | 'hang' | 'slow';

export interface ReceivedWebhook {
  /** ms after the receiver started */
  at: number;
  webhookId: string;
  signatureValid: boolean;
  /** sha256 of the raw body */
  bodyDigest: string;
  /** the body's own fields: the notification it carries */
  notificationId: string | null;
  type: string | null;
  complaintId: string | null;
  /** sha256 of the body without its `id`: the same notification content under any id */
  contentDigest: string;
  mode: ReceiverMode;
  /** the status answered, or null when no answer was given (hang, or the sender left first) */
  answered: number | null;
}

export interface WebhookReceiver {
  url: string;
  readonly received: ReceivedWebhook[];
  setMode(mode: ReceiverMode): void;
  close(): Promise<void>;
}

const SLOW_MS = 4_000;

function field(body: unknown, name: string): string | null {
  return typeof body === 'object' && body !== null && name in body && typeof (body as Record<string, unknown>)[name] === 'string'
    ? ((body as Record<string, unknown>)[name] as string)
    : null;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const verifier = new Webhook(secret);
  const received: ReceivedWebhook[] = [];
  const started = performance.now();
  const hanging = new Set<http.ServerResponse>();
  let mode: ReceiverMode = 'ok';

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : (value ?? '');
      };
      let signatureValid = true;
      try {
        verifier.verify(raw, { 'webhook-id': header('webhook-id'), 'webhook-timestamp': header('webhook-timestamp'), 'webhook-signature': header('webhook-signature') });
      } catch {
        signatureValid = false;
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      const { id: _id, ...content } = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : { id: undefined };
      const entry: ReceivedWebhook = {
        at: performance.now() - started,
        webhookId: header('webhook-id'),
        signatureValid,
        bodyDigest: createHash('sha256').update(raw).digest('hex'),
        notificationId: field(body, 'id'),
        type: field(body, 'type'),
        complaintId: field(body, 'complaintId'),
        contentDigest: createHash('sha256').update(JSON.stringify(content)).digest('hex'),
        mode,
        answered: null,
      };
      received.push(entry);
      const answer = (status: number) => {
        if (response.destroyed || response.writableEnded) return;
        entry.answered = status;
        response.writeHead(status).end();
      };
      switch (mode) {
        case 'ok':
          return answer(204);
        case 'fail':
          return answer(500);
        case 'slow':
          return void setTimeout(() => answer(204), SLOW_MS);
        case 'hang':
          hanging.add(response);
          response.on('close', () => hanging.delete(response));
          return;
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/complaint-events`,
    received,
    setMode: (next) => {
      mode = next;
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
