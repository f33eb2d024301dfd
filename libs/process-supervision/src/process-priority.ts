/**
 * Niceness for the processes that must yield the CPU to intake where they share cores
 * with the API (the worker, the embedded Temporal dev server).
 *
 * On Linux niceness belongs to each thread, and `setPriority(pid)` changes only the thread
 * whose id is `pid`: a Node.js process has its V8 and libuv threads before `main` runs, so
 * lowering the process means lowering every thread of /proc/<pid>/task (threads started
 * later inherit it from the thread that starts them).
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Give every thread of `pid` (default: this process) the niceness `nice` (0–19). */
export function lowerPriority(nice: number, pid = process.pid): void {
  let threads: number[];
  try {
    threads = readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    threads = [pid]; // no /proc (not Linux): the process's priority is its threads'
  }
  for (const thread of threads) {
    try {
      setPriority(thread, nice);
    } catch (error) {
      // a thread that ended since the listing
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

/**
 * The command line that starts `command` at niceness `nice`, so every thread it ever has
 * inherits it (`nice` of coreutils; on Windows the command as it is).
 */
export function withNiceness(nice: number, command: string, args: readonly string[]): { command: string; args: string[] } {
  if (nice === 0 || process.platform === 'win32') return { command, args: [...args] };
  return { command: 'nice', args: ['-n', String(nice), command, ...args] };
}
