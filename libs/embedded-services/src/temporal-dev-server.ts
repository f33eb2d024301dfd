/**
 * A Temporal dev server (`temporal server start-dev`) as a child process, with its SQLite
 * file in our data folder so workflows survive a restart. The WAL pragmas matter: with the
 * defaults SQLite waits on every disk flush (measured here: ~14 vs ~26 workflows/s).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { stopChild, withNiceness } from '../../process-supervision/src';
import { waitForPort } from './free-port';

export interface TemporalDevServerOptions {
  /** the Temporal CLI; when absent the Temporal SDK downloads its own (needs internet) */
  binary: string | undefined;
  port: number;
  /** omit for a headless server */
  uiPort?: number;
  /** omit for an in-memory server */
  dbFile?: string;
  namespace?: string;
  /** the server's niceness (0–19, default 0): where it shares cores with the API, it yields to intake */
  nice?: number;
  onLog?: (line: string) => void;
}

export interface RunningTemporal {
  address: string;
  uiUrl: string | undefined;
  stop(): Promise<void>;
}

const SQLITE_PRAGMAS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'];

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<RunningTemporal> {
  if (options.dbFile) mkdirSync(path.dirname(options.dbFile), { recursive: true });
  if (!options.binary) return startWithSdkDownload(options);
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'warn'];
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) args.push('--db-filename', options.dbFile, ...SQLITE_PRAGMAS);
  if (options.namespace && options.namespace !== 'default') args.push('--namespace', options.namespace);
  const command = withNiceness(options.nice ?? 0, options.binary, args);
  const child = spawn(command.command, command.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = options.onLog ?? (() => undefined);
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`temporal dev server exited (${code ?? signal})`))),
  );
  exited.catch(() => undefined);
  await Promise.race([waitForPort(options.port, 60_000), exited]);
  if (options.uiPort) await Promise.race([waitForPort(options.uiPort, 30_000), exited]);
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort ? `http://localhost:${options.uiPort}` : undefined,
    stop: () => stopChild(child),
  };
}

/** The last resort, for machines with internet: the Temporal SDK downloads and runs the CLI. */
async function startWithSdkDownload(options: TemporalDevServerOptions): Promise<RunningTemporal> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      ip: '127.0.0.1',
      port: options.port,
      ui: !!options.uiPort,
      uiPort: options.uiPort,
      dbFilename: options.dbFile,
      namespace: options.namespace,
      extraArgs: options.dbFile ? SQLITE_PRAGMAS : [],
    },
  });
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort ? `http://localhost:${options.uiPort}` : undefined,
    stop: () => env.teardown(),
  };
}
