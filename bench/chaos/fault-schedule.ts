/**
 * The faults of a chaos run, each started at its second of the load and printed as it
 * happens: a worker or an API killed with SIGKILL (an API while it is answering) and
 * started again, the Temporal dev server and PostgreSQL stopped and started again on the
 * same port and files, the webhook receiver failing, hanging or answering slowly for a
 * while, and the overload burst. Each becomes a mark on the report's timeline.
 */
import type { ServerControl } from '../support/bench-servers';
import type { ChaosHttp } from './chaos-http';
import type { FaultKind, PlannedFault } from './chaos-plan';
import type { ChaosProcesses } from './chaos-processes';
import type { WebhookReceiver } from './webhook-receiver';

export interface FaultTargets {
  processes: ChaosProcesses;
  temporal: ServerControl;
  postgres: ServerControl;
  receiver: WebhookReceiver;
  http: ChaosHttp;
  /** the burst's arrivals for `seconds`; resolves after the last one */
  overload(seconds: number): Promise<void>;
}

export interface FaultMark {
  kind: FaultKind;
  /** what happened, as printed */
  label: string;
  /** seconds after the load began */
  start: number;
  end: number;
  /** what went wrong carrying it out (the run then fails) */
  error?: string;
}

const LABELS: Record<FaultKind, (fault: PlannedFault) => string> = {
  'worker-kill': (f) => `worker-${(f.target ?? 0) + 1} SIGKILL, restarted`,
  'api-kill': (f) => `api-${(f.target ?? 0) + 1} SIGKILL mid-request, restarted`,
  'temporal-restart': () => 'Temporal dev server restarted',
  'postgres-restart': () => 'PostgreSQL restarted',
  'webhook-fail': () => 'webhook receiver answers 500',
  'webhook-hang': () => 'webhook receiver hangs',
  'webhook-slow': () => 'webhook receiver answers after 4 s',
  overload: () => 'overload burst',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait (at most 10 s) until the API has a request in flight, so the kill lands mid-request; how many it had. */
async function busy(http: ChaosHttp, api: number): Promise<number> {
  const deadline = performance.now() + 10_000;
  while (http.inFlight[api] === 0 && performance.now() < deadline) await sleep(2);
  return http.inFlight[api];
}

const restarts = (starts: number) => (starts > 1 ? ` (started ${starts} times: it died starting while a server was down)` : '');

async function carryOut(fault: PlannedFault, targets: FaultTargets): Promise<string> {
  const downMs = fault.seconds * 1_000;
  const target = fault.target ?? 0;
  switch (fault.kind) {
    case 'worker-kill': {
      const pids = await targets.processes.killAndRestart('worker', target, downMs);
      return `pid ${pids.killed} killed, pid ${pids.started} running${restarts(pids.starts)}`;
    }
    case 'api-kill': {
      const inFlight = await busy(targets.http, target);
      const pids = await targets.processes.killAndRestart('api', target, downMs);
      return `pid ${pids.killed} killed with ${inFlight} requests in flight, pid ${pids.started} running${restarts(pids.starts)}`;
    }
    case 'temporal-restart':
    case 'postgres-restart': {
      const control = fault.kind === 'temporal-restart' ? targets.temporal : targets.postgres;
      await control.stop();
      await sleep(downMs);
      await control.restart();
      return 'stopped, started again on the same port and files';
    }
    case 'webhook-fail':
    case 'webhook-hang':
    case 'webhook-slow':
      targets.receiver.setMode(fault.kind === 'webhook-fail' ? 'fail' : fault.kind === 'webhook-hang' ? 'hang' : 'slow');
      await sleep(downMs);
      targets.receiver.setMode('ok');
      return `for ${fault.seconds} s`;
    case 'overload':
      await targets.overload(fault.seconds);
      return `for ${fault.seconds} s`;
  }
}

/**
 * Starts every fault at its time (seconds after `t0`, a performance.now()); resolves with the
 * marks once the last has ended. `say` prints each as it starts and ends.
 */
export async function runFaults(faults: PlannedFault[], targets: FaultTargets, t0: number, say: (line: string) => void): Promise<FaultMark[]> {
  const seconds = () => (performance.now() - t0) / 1_000;
  const marks = await Promise.all(
    faults.map(async (fault): Promise<FaultMark> => {
      await sleep(Math.max(0, t0 + fault.at * 1_000 - performance.now()));
      const label = LABELS[fault.kind](fault);
      const start = seconds();
      say(`fault at ${start.toFixed(1)} s: ${label} …`);
      try {
        const detail = await carryOut(fault, targets);
        const end = seconds();
        say(`fault at ${start.toFixed(1)} s: ${label}: ${detail} (${(end - start).toFixed(1)} s)`);
        return { kind: fault.kind, label, start, end };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        say(`fault at ${start.toFixed(1)} s: ${label} FAILED: ${message}`);
        return { kind: fault.kind, label, start, end: seconds(), error: message };
      }
    }),
  );
  return marks.sort((a, b) => a.start - b.start);
}
