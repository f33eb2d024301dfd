/**
 * A worker thread of whole-store verification: screens one key range of streams
 * (`screenPart`) on a connection of its own, in the snapshot the coordinating transaction
 * exported, so every part sees the same store. Started by `screen-parts.ts`; answers one
 * message, `{ outcome }` or `{ error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { partExpectations, screenPart, type PartOutcome } from './screen-part';
import type { PartTask } from './screen-parts';

async function screen(task: PartTask): Promise<PartOutcome> {
  const client = new Client(task.connection);
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET TRANSACTION SNAPSHOT ${client.escapeLiteral(task.snapshot)}`);
    const outcome = await screenPart(client, task.range, partExpectations(task.heads));
    await client.query('COMMIT');
    return outcome;
  } finally {
    await client.end();
  }
}

const port = parentPort;
if (!port) throw new Error('chain-screen-worker runs in a worker thread');
screen((workerData as { task: PartTask }).task).then(
  (outcome) => port.postMessage({ outcome }),
  (error: unknown) => port.postMessage({ error }),
);
