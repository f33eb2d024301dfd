/** Stops what global-setup.ts started and removes its temporary folder. */
import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__TEST_SERVERS__;
  if (!servers) return;
  await Promise.allSettled([servers.temporal.stop(), servers.postgres.stop()]);
  rmSync(servers.dir, { recursive: true, force: true });
}
