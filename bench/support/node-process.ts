/**
 * A Node.js program of ours as a child process of the harness (the API, the worker, the
 * bare baseline's worker), so each is measured on its own: its own event loop, and its own
 * peak resident set read from /proc/<pid>/status (VmHWM) while it runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { stopChild } from '../../libs/process-supervision/src';

export interface NodeProcess {
  name: string;
  pid: number;
  /** peak resident set size in MB so far (VmHWM), or the last value read before it exited */
  peakRssMb(): number | undefined;
  stop(): Promise<void>;
  /** sends `signal` (e.g. SIGKILL: a crash) and resolves once the process has exited */
  kill(signal: NodeJS.Signals): Promise<void>;
}

function readPeakRssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined; // not Linux, or the process has gone
  }
}

/** Its error lines on our stderr, prefixed with its name (the default) */
function echoErrors(name: string): (line: string) => void {
  return (line) => {
    // errors only: the Temporal SDK's retry warnings during the outage phase are expected
    if (/error|fail|exception/i.test(line) && !/\bWARN\b/.test(line)) process.stderr.write(`[${name}] ${line}\n`);
  };
}

/**
 * Starts `node <script>` with `env` and resolves once it prints a line matching `ready`.
 * Each line it prints goes to `output` (by default its error lines are passed through,
 * prefixed, so a crash is visible); an exit before `ready` rejects with the last lines it printed.
 */
export async function startNodeProcess(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 120_000,
  output: (line: string) => void = echoErrors(name),
): Promise<NodeProcess> {
  // BENCH_CPU_PROF=<folder>: each process writes a V8 CPU profile there when it stops
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF, '--cpu-prof-name', `${name}-${Date.now()}.cpuprofile`] : [];
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', ...profile, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} did not start`);
  const tail: string[] = [];
  let peak: number | undefined;
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const sample = setInterval(() => (peak = readPeakRssMb(pid) ?? peak), 1_000);
  sample.unref();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stopping = true;
      child.kill('SIGKILL'); // not left running behind a start that failed
      reject(new Error(`${name} not ready after ${timeoutMs} ms: ${tail.join(' | ')}`));
    }, timeoutMs);
    const onOutput = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (ready.test(line)) {
          clearTimeout(timer);
          resolve();
        } else {
          output(line);
        }
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code, signal) => {
      clearInterval(sample);
      clearTimeout(timer);
      if (!stopping) process.stderr.write(`[${name}] exited (${code ?? signal})\n`);
      reject(new Error(`${name} exited (${code ?? signal}): ${tail.join(' | ')}`));
    });
  });
  return {
    name,
    pid,
    peakRssMb: () => (peak = readPeakRssMb(pid) ?? peak),
    stop: async () => {
      peak = readPeakRssMb(pid) ?? peak;
      stopping = true;
      clearInterval(sample);
      await stopChild(child, 15_000);
    },
    kill: async (signal) => {
      peak = readPeakRssMb(pid) ?? peak;
      stopping = true;
      clearInterval(sample);
      child.kill(signal);
      await exited;
    },
  };
}
