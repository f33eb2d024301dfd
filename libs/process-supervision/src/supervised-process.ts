/**
 * A child process kept running: when it dies (and nobody asked it to stop) it is started
 * again after a RestartBackoff delay, and both the death (exit code or signal, uptime) and
 * the delay are logged. stop() cancels a pending restart and stops the running process
 * (SIGTERM, then SIGKILL after a grace period).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { stopChild } from './stop-child';
import { RestartBackoff } from './restart-backoff';

export interface SupervisedProcessOptions {
  name: string;
  command: string;
  args: string[];
  spawnOptions: SpawnOptions;
  backoff?: RestartBackoff;
  /** where restarts are reported (one line each) */
  log: (line: string) => void;
  /**
   * Asked when the process dies: true to restart it; false leaves it dead (e.g. while the
   * system is still starting, where a death means a broken configuration, not bad luck).
   */
  shouldRestart?: () => boolean;
  /** told when the process died and will not be restarted */
  onGiveUp?: (reason: string) => void;
}

export interface SupervisedProcess {
  /** the pid of the running process (undefined while it is down) */
  readonly pid: number | undefined;
  readonly restarts: number;
  stop(): Promise<void>;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export function superviseProcess(options: SupervisedProcessOptions): SupervisedProcess {
  const backoff = options.backoff ?? new RestartBackoff();
  let child: ChildProcess | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  let restarts = 0;

  const start = () => {
    restartTimer = undefined;
    const startedAt = Date.now();
    const current = spawn(options.command, options.args, options.spawnOptions);
    child = current;
    let ended = false;
    const onEnd = (how: string) => {
      if (ended) return;
      ended = true;
      if (child === current) child = undefined;
      if (stopped) return;
      const uptime = Date.now() - startedAt;
      const what = `${options.name} (pid ${current.pid ?? '-'}) ${how} after ${seconds(uptime)}`;
      if (options.shouldRestart && !options.shouldRestart()) {
        options.onGiveUp?.(what);
        return;
      }
      const delay = backoff.delayAfter(uptime);
      restarts += 1;
      options.log(`${what}; restarting in ${seconds(delay)} (restart ${restarts})`);
      restartTimer = setTimeout(start, delay);
    };
    current.once('exit', (code, signal) => onEnd(signal ? `exited (signal ${signal})` : `exited (code ${code})`));
    current.once('error', (error) => onEnd(`failed (${error.message})`));
    if (current.pid !== undefined) options.log(`${options.name} started (pid ${current.pid})`);
  };

  start();
  return {
    get pid() {
      return child?.pid;
    },
    get restarts() {
      return restarts;
    },
    stop: async () => {
      stopped = true;
      if (restartTimer) clearTimeout(restartTimer);
      if (child) await stopChild(child);
    },
  };
}
