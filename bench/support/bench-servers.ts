/**
 * The servers a benchmark run measures against: an embedded PostgreSQL and a Temporal dev
 * server of its own (data under the OS temp folder), unless DATABASE_URL / TEMPORAL_ADDRESS
 * name existing ones. Only what was started here is stopped here.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  startEmbeddedPostgres,
  startTemporalDevServer,
  temporalCliPath,
  type RunningTemporal,
} from '../../libs/embedded-services/src';
import { configSchema } from '../../libs/config/src';

export interface BenchServers {
  databaseUrl: string;
  temporalAddress: string;
  /** what runs where, for the report */
  description: { postgres: string; temporal: string };
  dir: string;
  /** only when the harness started the Temporal server itself: stop it and start it again (same port, same SQLite file) */
  temporalControl: TemporalControl | undefined;
  stop(): Promise<void>;
}

export interface TemporalControl {
  stop(): Promise<void>;
  /** resolves once the server accepts connections again */
  restart(): Promise<void>;
}

export async function startBenchServers(env: NodeJS.ProcessEnv = process.env): Promise<BenchServers> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'complaints-bench-'));
  chmodSync(dir, 0o755);
  const stops: (() => Promise<void>)[] = [];
  try {
    let databaseUrl = env.DATABASE_URL;
    let postgresNote = 'external (DATABASE_URL)';
    if (!databaseUrl) {
      const port = await freePort();
      const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port });
      stops.push(() => postgres.stop());
      databaseUrl = postgres.url;
      postgresNote = `embedded PostgreSQL on 127.0.0.1:${port} (fsync on)`;
    }
    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalNote = 'external (TEMPORAL_ADDRESS)';
    let temporalControl: TemporalControl | undefined;
    if (!temporalAddress) {
      const port = await freePort();
      // niced as npm start runs it (TEMPORAL_DEV_SERVER_NICE, default 10): workflow starts yield the cores to intake
      const nice = configSchema.shape.TEMPORAL_DEV_SERVER_NICE.parse(env.TEMPORAL_DEV_SERVER_NICE);
      const start = () =>
        startTemporalDevServer({ binary: temporalCliPath(), port, dbFile: path.join(dir, 'temporal', 'temporal.db'), nice });
      let temporal: RunningTemporal | undefined = await start();
      stops.push(() => temporal?.stop() ?? Promise.resolve());
      temporalAddress = temporal.address;
      temporalNote = `Temporal dev server on ${temporal.address} (SQLite file, WAL, niceness ${nice})`;
      temporalControl = {
        stop: async () => {
          await temporal?.stop();
          temporal = undefined;
        },
        restart: async () => {
          temporal ??= await start();
        },
      };
    }
    return {
      databaseUrl,
      temporalAddress,
      description: { postgres: postgresNote, temporal: temporalNote },
      dir,
      temporalControl,
      stop: () => stopAll(stops, dir),
    };
  } catch (error) {
    await stopAll(stops, dir);
    throw error;
  }
}

async function stopAll(stops: (() => Promise<void>)[], dir: string): Promise<void> {
  for (const stop of stops.reverse()) {
    await stop().catch((error: unknown) => process.stderr.write(`stopping a server failed: ${String(error)}\n`));
  }
  stops.length = 0;
  rmSync(dir, { recursive: true, force: true });
}
