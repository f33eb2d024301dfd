/**
 * The quick chaos run, as the README says to run it: `npm run chaos -- --quick` (setup,
 * build, then dist/bench/chaos/run-chaos.js) with its results in a folder of the test's
 * own. It starts its own PostgreSQL, Temporal dev server, two APIs and two workers, kills
 * and restarts them under load, and audits the result; the test asserts that it exits 0,
 * that every line of its audit table passed, and that the faults it promises happened.
 * Nothing is timed: the waits are generous because the machine may be busy.
 *
 * Whatever happens, afterAll kills every process the command ever had.
 *
 * Part of `npm test` (CHAOS=0 leaves it out of a local run); about 3-5 minutes here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChaosReport } from '../../bench/chaos/chaos-report';
import { repoRoot } from '../../libs/config/src';
import { processTree, stillRunning, type ProcessInfo } from '../support/process-tree';

/** The build, the servers' start, the load, the drain and the audit, on a busy machine. */
const RUN_TIMEOUT_MS = 20 * 60_000;

const outDir = mkdtempSync(path.join(os.tmpdir(), 'complaints-chaos-'));
const seen = new Map<string, ProcessInfo>();
let command: ChildProcess | undefined;
let output = '';

function remember(): void {
  if (command?.pid === undefined) return;
  for (const found of processTree(command.pid)) seen.set(`${found.pid}/${found.startTime}`, found);
}

afterAll(() => {
  remember();
  for (const left of [...seen.values()].filter(stillRunning)) {
    try {
      process.kill(left.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(outDir, { recursive: true, force: true });
});

const quickChaos = process.env.CHAOS === '0' ? it.skip : it;

quickChaos(
  'survives the quick chaos: every audit line passes (npm run chaos -- --quick runs it on its own)',
  async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}` };
    for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'WORKFLOW_BUNDLE', 'POLICY_FILE', 'API_KEYS']) delete env[name];
    command = spawn('npm', ['run', 'chaos', '--', '--quick', '--out', outDir], { cwd: repoRoot(), env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    command.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    command.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const watch = setInterval(remember, 2_000);
    const exit = await new Promise<number | null>((resolve) => command?.once('exit', (code) => resolve(code)));
    clearInterval(watch);

    const runs = readdirSync(outDir);
    if (exit !== 0 || runs.length !== 1) throw new Error(`npm run chaos -- --quick exited ${exit}; its output ends with:\n${output.slice(-6000)}`);
    const report = JSON.parse(readFileSync(path.join(outDir, runs[0], 'report.json'), 'utf8')) as ChaosReport;
    expect(report.audit.filter((line) => !line.pass)).toEqual([]);
    expect(report.pass).toBe(true);
    const happened = (kind: string) => report.faults.filter((fault) => fault.kind === kind && !fault.error).length;
    expect(happened('worker-kill')).toBeGreaterThanOrEqual(2);
    for (const kind of ['api-kill', 'temporal-restart', 'postgres-restart', 'webhook-fail', 'webhook-hang', 'webhook-slow', 'overload']) expect(happened(kind)).toBe(1);
    expect(report.overload?.tooManyDuringOverload).toBeGreaterThan(0);
    expect(readdirSync(path.join(outDir, runs[0]))).toEqual(expect.arrayContaining(['report.json', 'report.md', 'timeline.svg']));
  },
  RUN_TIMEOUT_MS + 60_000,
);
