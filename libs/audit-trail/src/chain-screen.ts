/**
 * The fast pass of whole-store verification: event rows as binary COPY delivers them
 * (`SCREEN_COLUMNS`, ordered by stream and position) are checked stream by stream with the
 * same rules as `ChainVerifier` (SHA-256 of the canonical bytes against the stored hash,
 * positions 1, 2, 3, …, each previous hash the hash before it, the recorded head, the
 * latest checkpoint's head) and with `canonicalMatchesColumns` for the columns.
 *
 * A stream passes only when every check is proven; the screen never reports a problem. A
 * stream that does not pass is handed back to the caller, which verifies it again with the
 * reference reader (the columns compared with the canonical text by PostgreSQL itself), so
 * problems are found and described exactly as before, and a check this screen cannot
 * prove (an unusual timestamp spelling, say) costs time, never strictness.
 */
import { isAscii } from 'node:buffer';
import { GENESIS_HASH, hashOfCanonicalBytes } from '../../event-store/src';
import type { ChainExpectations } from './verification/chain-verifier';
import { CanonicalContentCheck, JsonbCanonicalizer, type StoredColumns } from './verification/canonical-content';
import type { StreamHead } from './verification/stream-head';

/** The columns the screen reads, in this order (binary COPY formats). */
export const SCREEN_COLUMNS = [
  'stream_id',
  'stream_position',
  'event_id',
  'type',
  'schema_version',
  'data',
  'actor',
  'occurred_at',
  'recorded_at',
  'canonical',
  'hash',
  'previous_hash',
] as const;

const STREAM_ID = 0;
const POSITION = 1;
const EVENT_ID = 2;
const TYPE = 3;
const SCHEMA_VERSION = 4;
const DATA = 5;
const ACTOR = 6;
const OCCURRED_AT = 7;
const RECORDED_AT = 8;
const CANONICAL = 9;
const HASH = 10;
const PREVIOUS_HASH = 11;

/** PostgreSQL's binary timestamps count microseconds from 2000-01-01T00:00:00Z. */
const POSTGRES_EPOCH_MICROS = Date.UTC(2000, 0, 1) * 1000;
const TWO_TO_32 = 2 ** 32;
const JSONB_VERSION = 1;

interface OpenStream {
  streamId: string;
  streamIdJson: string;
  streamIdBytes: Buffer;
  proven: boolean;
  events: number;
  lastPosition: number;
  lastHash: string;
  checkpointed: StreamHead | undefined;
  hashAtCheckpoint: string | undefined;
}

export interface ScreenOutcome {
  /** streams whose every event and head checked out: id and number of events */
  onProven(streamId: string, events: number): void;
  /** streams to verify again with the reference reader (in the order read) */
  onUnproven(streamId: string, events: number): void;
}

export class ChainScreen {
  private current: OpenStream | undefined;
  private readonly actors = new JsonbCanonicalizer();
  private readonly content = new CanonicalContentCheck();
  private lastActor: { bytes: Buffer; canonical: string } | undefined;
  private readonly typeJson = new Map<string, string>();
  streams = 0;
  events = 0;

  constructor(
    private readonly expectations: Pick<ChainExpectations, 'recordedHead' | 'checkpointedHead'>,
    private readonly outcome: ScreenOutcome,
  ) {}

  /** One row, fields as `BinaryCopyParser` hands them over. */
  row = (buffer: Buffer, starts: Int32Array, lengths: Int32Array): void => {
    this.events += 1;
    for (let field = 0; field < SCREEN_COLUMNS.length; field += 1) {
      if (lengths[field] < 0) {
        // a NULL where the schema forbids one: let the reference reader describe it
        this.openIfNew(lengths[STREAM_ID] < 0 ? '' : buffer.toString('utf8', starts[STREAM_ID], starts[STREAM_ID] + lengths[STREAM_ID]));
        this.current!.events += 1;
        this.current!.proven = false;
        return;
      }
    }
    const stream = this.sameStream(buffer, starts[STREAM_ID], lengths[STREAM_ID])
      ? this.current!
      : this.openIfNew(buffer.toString('utf8', starts[STREAM_ID], starts[STREAM_ID] + lengths[STREAM_ID]));
    stream.events += 1;
    if (!stream.proven) return;
    stream.proven = this.check(stream, buffer, starts, lengths);
  };

  /** The rows ended: decide the last stream. */
  finish(): void {
    this.close();
  }

  private check(stream: OpenStream, buffer: Buffer, starts: Int32Array, lengths: Int32Array): boolean {
    if (lengths[POSITION] !== 4 || lengths[SCHEMA_VERSION] !== 4 || lengths[EVENT_ID] !== 16) return false;
    if (lengths[OCCURRED_AT] !== 8 || lengths[RECORDED_AT] !== 8) return false;
    const position = buffer.readInt32BE(starts[POSITION]);
    if (position !== stream.lastPosition + 1) return false;

    const hash = buffer.toString('latin1', starts[HASH], starts[HASH] + lengths[HASH]);
    const previousHash = buffer.toString('latin1', starts[PREVIOUS_HASH], starts[PREVIOUS_HASH] + lengths[PREVIOUS_HASH]);
    if (previousHash !== (stream.lastPosition === 0 ? GENESIS_HASH : stream.lastHash)) return false;
    const canonicalBytes = buffer.subarray(starts[CANONICAL], starts[CANONICAL] + lengths[CANONICAL]);
    if (hashOfCanonicalBytes(canonicalBytes) !== hash) return false;

    if (!this.contentProven(stream, position, buffer, starts, lengths, canonicalBytes, previousHash)) return false;

    if (stream.checkpointed && position === stream.checkpointed.version) stream.hashAtCheckpoint = hash;
    stream.lastPosition = position;
    stream.lastHash = hash;
    return true;
  }

  private contentProven(
    stream: OpenStream,
    position: number,
    buffer: Buffer,
    starts: Int32Array,
    lengths: Int32Array,
    canonicalBytes: Buffer,
    previousHash: string,
  ): boolean {
    if (buffer[starts[DATA]] !== JSONB_VERSION || buffer[starts[ACTOR]] !== JSONB_VERSION) return false;
    const actorCanonical = this.actorCanonical(buffer, starts[ACTOR] + 1, starts[ACTOR] + lengths[ACTOR]);
    if (actorCanonical === null) return false;
    const columns: StoredColumns = {
      streamIdJson: stream.streamIdJson,
      position,
      eventIdHex: buffer.toString('hex', starts[EVENT_ID], starts[EVENT_ID] + 16),
      typeJson: this.jsonOfType(buffer.toString('utf8', starts[TYPE], starts[TYPE] + lengths[TYPE])),
      schemaVersion: buffer.readInt32BE(starts[SCHEMA_VERSION]),
      dataJsonb: buffer.toString('utf8', starts[DATA] + 1, starts[DATA] + lengths[DATA]),
      actorCanonical,
      occurredAtMicros: timestampMicros(buffer, starts[OCCURRED_AT]),
      recordedAtMicros: timestampMicros(buffer, starts[RECORDED_AT]),
      previousHash,
    };
    // ASCII text (most of it) decodes faster as latin1, to the same string
    return this.content.matches(canonicalBytes.toString(isAscii(canonicalBytes) ? 'latin1' : 'utf8'), columns);
  }

  /** The actor of the row before is most often the actor of this one: compare bytes first. */
  private actorCanonical(buffer: Buffer, from: number, to: number): string | null {
    const last = this.lastActor;
    if (last && last.bytes.length === to - from && buffer.compare(last.bytes, 0, last.bytes.length, from, to) === 0) return last.canonical;
    const canonical = this.actors.canonical(buffer.toString('utf8', from, to));
    this.lastActor = canonical === null ? undefined : { bytes: Buffer.from(buffer.subarray(from, to)), canonical };
    return canonical;
  }

  private jsonOfType(type: string): string {
    let json = this.typeJson.get(type);
    if (json === undefined) {
      json = JSON.stringify(type);
      if (this.typeJson.size < 10_000) this.typeJson.set(type, json);
    }
    return json;
  }

  private sameStream(buffer: Buffer, from: number, length: number): boolean {
    const id = this.current?.streamIdBytes;
    return id !== undefined && id.length === length && buffer.compare(id, 0, length, from, from + length) === 0;
  }

  private openIfNew(streamId: string): OpenStream {
    if (this.current?.streamId === streamId) return this.current;
    this.close();
    this.streams += 1;
    const checkpointed = this.expectations.checkpointedHead(streamId);
    this.current = {
      streamId,
      streamIdJson: JSON.stringify(streamId),
      streamIdBytes: Buffer.from(streamId, 'utf8'),
      proven: true,
      events: 0,
      lastPosition: 0,
      lastHash: GENESIS_HASH,
      checkpointed,
      hashAtCheckpoint: undefined,
    };
    return this.current;
  }

  private close(): void {
    const stream = this.current;
    if (!stream) return;
    this.current = undefined;
    if (stream.proven && this.headsAgree(stream)) this.outcome.onProven(stream.streamId, stream.events);
    else this.outcome.onUnproven(stream.streamId, stream.events);
  }

  private headsAgree(stream: OpenStream): boolean {
    const head = this.expectations.recordedHead(stream.streamId);
    if (!head || head.version !== stream.lastPosition || head.headHash !== stream.lastHash) return false;
    const checkpointed = stream.checkpointed;
    return !checkpointed || (stream.lastPosition >= checkpointed.version && stream.hashAtCheckpoint === checkpointed.headHash);
  }
}

/** A binary timestamptz (signed 64-bit microseconds since 2000) as microseconds since 1970. */
function timestampMicros(buffer: Buffer, at: number): number {
  return buffer.readInt32BE(at) * TWO_TO_32 + buffer.readUInt32BE(at + 4) + POSTGRES_EPOCH_MICROS;
}
