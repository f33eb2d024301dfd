/** An HTTP server on a free loopback port, standing in for an intake system's webhook receiver. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpReceiver {
  port: number;
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

export async function startHttpReceiver(handler: http.RequestListener): Promise<HttpReceiver> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
