/**
 * Processes read from /proc (Linux): a process and all its descendants, and whether a
 * process seen earlier still runs. A process is identified by pid and start time, so a
 * recycled pid is not mistaken for the one we saw; a zombie counts as gone.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** clock ticks after boot (field 22 of /proc/<pid>/stat) */
  startTime: string;
  state: string;
  command: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
  let stat: string;
  let command: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pid, ppid: Number(fields[1]), startTime: fields[19], state: fields[0], command };
}

export function allProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((found): found is ProcessInfo => found !== undefined);
}

/** `root` and every process below it, parents before children. */
export function processTree(root: number): ProcessInfo[] {
  const all = allProcesses();
  const tree = all.filter((p) => p.pid === root);
  for (let i = 0; i < tree.length; i++) tree.push(...all.filter((p) => p.ppid === tree[i].pid));
  return tree;
}

/** Whether this very process (same pid and start time) still runs. */
export function stillRunning(process: ProcessInfo): boolean {
  const now = readProcess(process.pid);
  return now !== undefined && now.startTime === process.startTime && now.state !== 'Z';
}

/** The executable a process runs (symlinks resolved by the kernel). */
export function executableOf(pid: number): string {
  return readlinkSync(`/proc/${pid}/exe`);
}
