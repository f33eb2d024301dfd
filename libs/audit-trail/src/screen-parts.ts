/**
 * The fast pass of whole-store verification on several cores: the streams are split into
 * key ranges holding about as many events each (`splitByEvents`), and each range is read
 * and screened in a worker thread (`chain-screen-worker.ts`) on a connection of its own.
 * The hashing and the comparisons are CPU-bound, and so is PostgreSQL producing the rows:
 * with one part per core both sides run in parallel.
 *
 * Every part reads the store in the same snapshot: the coordinating REPEATABLE READ
 * transaction exports it (`pg_export_snapshot()`) and each part's transaction imports it
 * (`SET TRANSACTION SNAPSHOT`) before its first query, so the parts together read exactly
 * what one transaction would.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Client, ClientBase, ClientConfig } from 'pg';
import type { StreamHead } from './verification/stream-head';
import type { PartHeads, PartOutcome, StreamRange } from './screen-part';

/** What a worker thread is given: where to connect, the snapshot to import, its range and heads. */
export interface PartTask {
  connection: ClientConfig;
  snapshot: string;
  range: StreamRange;
  heads: PartHeads;
}

export interface Part {
  range: StreamRange;
  /** the recorded heads of the part's streams, in the database's order of stream ids */
  recorded: StreamHead[];
}

/**
 * At most `parts` ranges over the heads (ordered as the database orders stream ids), cut
 * where the running count of events (the heads' versions) passes each equal share. Events
 * of streams without a head fall in whichever range holds their id; only the balance
 * depends on the heads.
 */
export function splitByEvents(orderedHeads: readonly StreamHead[], parts: number): Part[] {
  const total = orderedHeads.reduce((sum, head) => sum + Math.max(head.version, 1), 0);
  const starts = [0];
  let running = 0;
  for (let i = 0; i < orderedHeads.length && starts.length < parts; i += 1) {
    if (running >= (total * starts.length) / parts && i > starts[starts.length - 1]) starts.push(i);
    running += Math.max(orderedHeads[i].version, 1);
  }
  return starts.map((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1] : orderedHeads.length;
    return {
      range: { from: k === 0 ? null : orderedHeads[start].streamId, to: end < orderedHeads.length ? orderedHeads[end].streamId : null },
      recorded: orderedHeads.slice(start, end),
    };
  });
}

/**
 * Screen the parts in worker threads, each in the exported `snapshot` on a connection made
 * like `client` (the coordinator's); the outcomes come back in the parts' order.
 */
export async function screenInWorkers(
  client: ClientBase,
  snapshot: string,
  parts: readonly Part[],
  checkpointedHead: (streamId: string) => StreamHead | undefined,
): Promise<PartOutcome[]> {
  const connection = connectionLike(client);
  const workers: Worker[] = [];
  try {
    return await Promise.all(
      parts.map((part) => {
        const checkpointed = part.recorded.map((head) => checkpointedHead(head.streamId)).filter((head) => head !== undefined);
        const worker = startWorker({ connection, snapshot, range: part.range, heads: { recorded: part.recorded, checkpointed } });
        workers.push(worker);
        return outcomeOf(worker);
      }),
    );
  } finally {
    // after a failure the other parts are not waited for; after success they have ended
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The settings of the coordinator's own connection (its password resolved when it connected). */
function connectionLike(client: ClientBase): ClientConfig {
  const { host, port, user, database, password, ssl } = client as Client;
  return { host, port, user, database, password, ssl, application_name: 'verify-store part' };
}

function outcomeOf(worker: Worker): Promise<PartOutcome> {
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { outcome?: PartOutcome; error?: unknown }) => {
      if (message.outcome) resolve(message.outcome);
      else reject(message.error instanceof Error ? message.error : new Error(`a verification part failed: ${String(message.error)}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a verification part's worker thread exited (${code}) before answering`)));
  });
}

const WORKER_ENTRY = path.join(__dirname, `chain-screen-worker${path.extname(__filename)}`);

/**
 * The worker runs the compiled `chain-screen-worker.js` beside this file. Run from the
 * TypeScript sources (the tests), it is compiled on load by SWC, as Jest compiles the rest.
 */
function startWorker(task: PartTask): Worker {
  if (!WORKER_ENTRY.endsWith('.ts')) return new Worker(WORKER_ENTRY, { workerData: { task } });
  const swc = createRequire(__filename).resolve('@swc/core');
  return new Worker(FROM_TYPESCRIPT, { eval: true, workerData: { task, entry: WORKER_ENTRY, swc } });
}

const FROM_TYPESCRIPT = `
const { registerHooks } = require('node:module');
const { readFileSync } = require('node:fs');
const { fileURLToPath } = require('node:url');
const { workerData } = require('node:worker_threads');
const { transformSync } = require(workerData.swc);
registerHooks({
  resolve(specifier, context, next) {
    if (!specifier.startsWith('.')) return next(specifier, context);
    for (const suffix of ['', '.ts', '/index.ts']) {
      try { return next(specifier + suffix, context); } catch {}
    }
    return next(specifier, context);
  },
  load(url, context, next) {
    if (!url.endsWith('.ts')) return next(url, context);
    const filename = fileURLToPath(url);
    const options = { filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
    return { format: 'commonjs', source: transformSync(readFileSync(filename, 'utf8'), options).code, shortCircuit: true };
  },
});
require(workerData.entry);
`;
