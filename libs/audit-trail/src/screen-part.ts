/**
 * One part of whole-store verification's fast pass: the events of a key range of streams
 * (`from` ≤ stream_id < `to`, compared as the database compares them), read by binary COPY
 * in stream and position order and checked by `ChainScreen`. The store is one part, or
 * several read side by side on their own connections in one exported snapshot
 * (`screen-parts.ts`); every event falls in exactly one range, whatever the bounds.
 */
import type { ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { ChainExpectations } from './verification/chain-verifier';
import type { StreamHead } from './verification/stream-head';
import { BinaryCopyParser } from './binary-copy-parser';
import { ChainScreen, SCREEN_COLUMNS } from './chain-screen';

/** A key range of stream ids; null leaves that side open. */
export interface StreamRange {
  from: string | null;
  to: string | null;
}

export const WHOLE_STORE: StreamRange = { from: null, to: null };

/** The heads a part is checked against: its streams' recorded heads and the latest checkpoint's. */
export interface PartHeads {
  recorded: StreamHead[];
  checkpointed: StreamHead[];
}

export function partExpectations(heads: PartHeads): Pick<ChainExpectations, 'recordedHead' | 'checkpointedHead'> {
  const recorded = new Map(heads.recorded.map((head) => [head.streamId, head]));
  const checkpointed = new Map(heads.checkpointed.map((head) => [head.streamId, head]));
  return { recordedHead: (id) => recorded.get(id), checkpointedHead: (id) => checkpointed.get(id) };
}

/** What a part's screen found, stream by stream in the order read. */
export interface PartOutcome {
  /** streams read (proven or not) */
  streams: number;
  /** streams whose every event and head checked out, with their numbers of events */
  proven: string[];
  provenEvents: number[];
  /** streams to verify again with the reference reader */
  unproven: string[];
}

export async function screenPart(
  client: ClientBase,
  range: StreamRange,
  expectations: Pick<ChainExpectations, 'recordedHead' | 'checkpointedHead'>,
): Promise<PartOutcome> {
  const outcome: PartOutcome = { streams: 0, proven: [], provenEvents: [], unproven: [] };
  const screen = new ChainScreen(expectations, {
    onProven: (id, events) => {
      outcome.proven.push(id);
      outcome.provenEvents.push(events);
    },
    onUnproven: (id) => outcome.unproven.push(id),
  });
  const parser = new BinaryCopyParser(SCREEN_COLUMNS.length, screen.row);
  const bounds = [
    range.from === null ? null : `stream_id >= ${client.escapeLiteral(range.from)}`,
    range.to === null ? null : `stream_id < ${client.escapeLiteral(range.to)}`,
  ].filter((bound) => bound !== null);
  const where = bounds.length > 0 ? ` WHERE ${bounds.join(' AND ')}` : '';
  const copy = client.query(
    copyTo(`COPY (SELECT ${SCREEN_COLUMNS.join(', ')} FROM events${where} ORDER BY stream_id, stream_position) TO STDOUT (FORMAT binary)`),
  );
  // a failure while parsing must not leave the connection in the middle of a COPY: read to the end
  let failure: unknown;
  for await (const chunk of copy) {
    if (failure !== undefined) continue;
    try {
      parser.push(chunk as Buffer);
    } catch (error) {
      failure = error;
    }
  }
  if (failure !== undefined) throw failure;
  parser.end();
  screen.finish();
  outcome.streams = screen.streams;
  return outcome;
}
