/**
 * The servers a benchmark or chaos run measures against: an embedded PostgreSQL and a
 * Temporal dev server of its own (data under the OS temp folder), unless DATABASE_URL /
 * TEMPORAL_ADDRESS name existing ones. Only what was started here is stopped here, and only
 * a server started here can be stopped and started again (same port, same files).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  startEmbeddedPostgres,
  startTemporalDevServer,
  temporalCliPath,
} from '../../libs/embedded-services/src';
import { configSchema } from '../../libs/config/src';

export interface BenchServers {
  databaseUrl: string;
  temporalAddress: string;
  /** what runs where, for the report */
  description: { postgres: string; temporal: string };
  dir: string;
  /** only when the harness started the Temporal server itself: stop it and start it again (same port, same SQLite file) */
  temporalControl: ServerControl | undefined;
  /** only when the harness started PostgreSQL itself: stop it and start it again (same port, same data folder) */
  postgresControl: ServerControl | undefined;
  stop(): Promise<void>;
}

export interface ServerControl {
  stop(): Promise<void>;
  /** starts it again when it is stopped; resolves once the server accepts connections again */
  restart(): Promise<void>;
}

/** A server of ours that `control` can stop and start again, and that `stops` stops at the end. */
async function controlled<T extends { stop(): Promise<void> }>(start: () => Promise<T>, stops: (() => Promise<void>)[]): Promise<{ first: T; control: ServerControl }> {
  let running: T | undefined = await start();
  const first = running;
  stops.push(() => running?.stop() ?? Promise.resolve());
  const control: ServerControl = {
    stop: async () => {
      await running?.stop();
      running = undefined;
    },
    restart: async () => {
      running ??= await start();
    },
  };
  return { first, control };
}

export async function startBenchServers(env: NodeJS.ProcessEnv = process.env): Promise<BenchServers> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'complaints-bench-'));
  chmodSync(dir, 0o755);
  const stops: (() => Promise<void>)[] = [];
  try {
    let databaseUrl = env.DATABASE_URL;
    let postgresNote = 'external (DATABASE_URL)';
    let postgresControl: ServerControl | undefined;
    if (!databaseUrl) {
      const port = await freePort();
      const postgres = await controlled(() => startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port }), stops);
      databaseUrl = postgres.first.url;
      postgresControl = postgres.control;
      postgresNote = `embedded PostgreSQL on 127.0.0.1:${port} (fsync on)`;
    }
    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalNote = 'external (TEMPORAL_ADDRESS)';
    let temporalControl: ServerControl | undefined;
    if (!temporalAddress) {
      const port = await freePort();
      // niced as npm start runs it (TEMPORAL_DEV_SERVER_NICE, default 10): workflow starts yield the cores to intake
      const nice = configSchema.shape.TEMPORAL_DEV_SERVER_NICE.parse(env.TEMPORAL_DEV_SERVER_NICE);
      const temporal = await controlled(
        () => startTemporalDevServer({ binary: temporalCliPath(), port, dbFile: path.join(dir, 'temporal', 'temporal.db'), nice }),
        stops,
      );
      temporalAddress = temporal.first.address;
      temporalNote = `Temporal dev server on ${temporalAddress} (SQLite file, WAL, niceness ${nice})`;
      temporalControl = temporal.control;
    }
    return {
      databaseUrl,
      temporalAddress,
      description: { postgres: postgresNote, temporal: temporalNote },
      dir,
      temporalControl,
      postgresControl,
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
