/**
 * The engine as a chaos run deploys it: two API processes and two worker processes from the
 * production build, each on ports of its own, against the run's PostgreSQL and Temporal
 * server, with the seconds-scale policy, webhooks allowed to the loopback receiver, and the
 * plan's per-key rate limit. Any of them can be killed (SIGKILL) and started again as it
 * was; each one's output goes to a log file of the run.
 */
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../libs/config/src';
import { freePort } from '../../libs/embedded-services/src';
import { benchEnv, FAST_POLICY } from '../support/bench-system';
import { startNodeProcess, type NodeProcess } from '../support/node-process';
import { chaosApiKeys } from './chaos-keys';

export interface ChaosProcessesOptions {
  databaseUrl: string;
  temporalAddress: string;
  dataDir: string;
  workflowBundle: string;
  rateLimitPerSecond: number;
  /** the folder the processes' logs go to */
  logDir: string;
}

type Role = 'api' | 'worker';

/** Starts tried after a kill before the fault counts as failed. */
const RESTART_ATTEMPTS = 10;

interface Slot {
  role: Role;
  name: string;
  env: NodeJS.ProcessEnv;
  /** the API's PORT, or the worker's WORKER_METRICS_PORT */
  port: number;
  process: NodeProcess | undefined;
  starts: number;
}

const SCRIPTS: Record<Role, { script: string; ready: RegExp }> = {
  api: { script: 'dist/apps/api/src/main.js', ready: /^api listening/ },
  worker: { script: 'dist/apps/worker/src/main.js', ready: /^worker running/ },
};

export class ChaosProcesses {
  /** set by stop(): a restart still under way then stops what it started instead of leaving it running */
  private stopped = false;
  /** starts under way, which stop() waits for */
  private readonly starting = new Set<Promise<NodeProcess>>();

  private constructor(
    private readonly slots: Slot[],
    private readonly logDir: string,
  ) {}

  static async start(options: ChaosProcessesOptions): Promise<ChaosProcesses> {
    const slots: Slot[] = [];
    for (const role of ['worker', 'worker', 'api', 'api'] as const) {
      const index = slots.filter((slot) => slot.role === role).length;
      const port = await freePort();
      const bench = benchEnv({ ...options, policyFile: FAST_POLICY }, port);
      const env: NodeJS.ProcessEnv = {
        ...bench,
        API_KEYS: chaosApiKeys(bench.API_KEYS ?? ''),
        LOG_LEVEL: 'warn',
        RATE_LIMIT: `${options.rateLimitPerSecond}/1s`,
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,localhost',
        // niceness 0 unless WORKER_NICE says otherwise: npm start's 10 yields the cores to intake on a machine of
        // the engine's own, but where unrelated work shares them it starves the workers
        WORKER_NICE: process.env.WORKER_NICE ?? '0',
        ...(role === 'worker' ? { WORKER_METRICS_PORT: String(port) } : {}),
      };
      slots.push({ role, name: `${role}-${index + 1}`, env, port, process: undefined, starts: 0 });
    }
    const processes = new ChaosProcesses(slots, options.logDir);
    try {
      // the first worker migrates the store alone; the rest start side by side
      await processes.startSlot(slots[0]);
      await Promise.all(slots.slice(1).map((slot) => processes.startSlot(slot)));
    } catch (error) {
      await processes.stop();
      throw error;
    }
    return processes;
  }

  private async startSlot(slot: Slot): Promise<NodeProcess> {
    const start = this.launch(slot);
    this.starting.add(start);
    try {
      return await start;
    } finally {
      this.starting.delete(start);
    }
  }

  private async launch(slot: Slot): Promise<NodeProcess> {
    const log = path.join(this.logDir, `${slot.name}.log`);
    slot.starts += 1;
    appendFileSync(log, `--- start ${slot.starts} at ${new Date().toISOString()}\n`);
    const started = await startNodeProcess(
      slot.name,
      path.join(repoRoot(), SCRIPTS[slot.role].script),
      slot.env,
      SCRIPTS[slot.role].ready,
      180_000,
      (line) => appendFileSync(log, `${line}\n`),
    );
    if (this.stopped) {
      await started.stop();
      throw new Error(`${slot.name} started after the run was stopped: stopped again`);
    }
    slot.process = started;
    return started;
  }

  private slot(role: Role, index: number): Slot {
    const found = this.slots.filter((slot) => slot.role === role)[index];
    if (!found) throw new Error(`no ${role} ${index}`);
    return found;
  }

  /** The APIs' base URLs, in order. */
  get apiUrls(): string[] {
    return this.slots.filter((slot) => slot.role === 'api').map((slot) => `http://127.0.0.1:${slot.port}`);
  }

  /** The workers' metrics URLs, in order. */
  get workerMetricsUrls(): string[] {
    return this.slots.filter((slot) => slot.role === 'worker').map((slot) => `http://127.0.0.1:${slot.port}/metrics`);
  }

  /**
   * SIGKILL, `downMs` with it dead, then the same process started again — and again, as a
   * supervisor would, when it dies while starting (PostgreSQL or Temporal may be down just
   * then); its pid before and after, and how many starts it took.
   */
  async killAndRestart(role: Role, index: number, downMs: number): Promise<{ killed: number; started: number; starts: number }> {
    const slot = this.slot(role, index);
    const killed = slot.process?.pid ?? 0;
    await slot.process?.kill('SIGKILL');
    slot.process = undefined;
    await new Promise((resolve) => setTimeout(resolve, downMs));
    for (let starts = 1; ; starts += 1) {
      try {
        const started = await this.startSlot(slot);
        return { killed, started: started.pid, starts };
      } catch (error) {
        if (starts >= RESTART_ATTEMPTS || this.stopped) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.starting]);
    // the APIs first, then the workers, as npm start stops them
    for (const slot of [...this.slots].reverse()) {
      const running = slot.process;
      slot.process = undefined;
      await running?.stop().catch((error: unknown) => process.stderr.write(`stopping ${slot.name} failed: ${String(error)}\n`));
    }
  }
}
