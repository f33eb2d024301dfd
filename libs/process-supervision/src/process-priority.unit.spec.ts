/**
 * lowerPriority and withNiceness on real processes: every thread of the process ends up at
 * the niceness asked (Linux keeps niceness per thread; /proc shows each one's).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { getPriority } from 'node:os';
import { lowerPriority, withNiceness } from './process-priority';

/** The niceness of each thread of `pid` (field 19 of /proc/<pid>/task/<tid>/stat). */
function threadNiceness(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

/** A Node.js child (it has V8's and libuv's threads) that says when it runs. */
async function nodeChild(command = process.execPath, args = ['-e', "console.log('up'); setInterval(() => {}, 1000)"]): Promise<ChildProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  return child;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

it('lowers every thread of a running process, not only its main thread', async () => {
  const child = await nodeChild();
  children.push(child);
  expect(threadNiceness(child.pid!).length).toBeGreaterThan(1);
  const inherited = getPriority(); // this process's, which the child's threads start with
  expect(new Set(threadNiceness(child.pid!))).toEqual(new Set([inherited]));
  const lowered = Math.min(19, inherited + 7);

  lowerPriority(lowered, child.pid);

  expect(new Set(threadNiceness(child.pid!))).toEqual(new Set([lowered]));
});

it('starts a command at a niceness that all its threads have', async () => {
  const { command, args } = withNiceness(5, process.execPath, ['-e', "console.log('up'); setInterval(() => {}, 1000)"]);
  const child = await nodeChild(command, args);
  children.push(child);

  // nice(1) adds to the niceness it is started with
  expect(new Set(threadNiceness(child.pid!))).toEqual(new Set([Math.min(19, getPriority() + 5)]));
  expect(withNiceness(0, 'temporal', ['server'])).toEqual({ command: 'temporal', args: ['server'] });
});
