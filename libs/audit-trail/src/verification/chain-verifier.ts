/**
 * Verifies hash chains from the stored rows, one pass, stream after stream: each row's
 * canonical text is hashed exactly as stored (`hashOfCanonical`, never re-canonicalized), positions must run
 * 1, 2, 3, …, each previousHash must be the hash before it (genesis first), and at the end
 * of each stream its last event must match the stream's recorded head and whatever the
 * latest signed checkpoint says about it. Rows of one stream must arrive together and in
 * position order; streams may come in any order.
 */
import { GENESIS_HASH, hashOfCanonical } from '../../../event-store/src';
import { ProblemList, type VerificationProblem, type VerificationReport } from './verification-report';
import type { StreamHead } from './stream-head';

export interface ChainRow {
  streamId: string;
  position: number;
  /** the RFC 8785 text that was hashed */
  canonical: string;
  hash: string;
  previousHash: string;
  /** whether the row's columns say what its canonical text says (checked by the reader) */
  contentMatches: boolean;
}

export interface ChainExpectations {
  /** the stream's recorded head (streams table); undefined when it has none */
  recordedHead(streamId: string): StreamHead | undefined;
  /** the latest checkpoint's head of the stream; undefined when not checkpointed */
  checkpointedHead(streamId: string): StreamHead | undefined;
  /** every stream that should exist: recorded heads and checkpointed heads */
  expectedStreams(): Iterable<string>;
}

interface OpenStream {
  streamId: string;
  lastPosition: number;
  lastHash: string;
  checkpointed: StreamHead | undefined;
  hashAtCheckpoint: string | undefined;
}

/** The text's hash, or why it has none (a lone surrogate, which a dossier's JSON can spell). */
function hashOf(canonical: string): string | Error {
  try {
    return hashOfCanonical(canonical);
  } catch (error) {
    return error as Error;
  }
}

export class ChainVerifier {
  private readonly problems: ProblemList;
  private readonly seen = new Set<string>();
  private current: OpenStream | undefined;
  private eventsChecked = 0;

  constructor(
    private readonly expectations: ChainExpectations,
    problems = new ProblemList(),
  ) {
    this.problems = problems;
  }

  add(row: ChainRow): void {
    if (this.current?.streamId !== row.streamId) this.openStream(row.streamId);
    const stream = this.current!;
    this.eventsChecked += 1;
    const at = (kind: VerificationProblem['kind'], detail: string) =>
      this.problems.add({ kind, streamId: row.streamId, position: row.position, detail });

    const digest = hashOf(row.canonical);
    if (digest instanceof Error) at('hash-mismatch', digest.message);
    else if (digest !== row.hash) at('hash-mismatch', `sha256 of the canonical text is ${digest}, the stored hash ${row.hash}`);
    if (!row.contentMatches) at('content-mismatch', 'the stored columns differ from the canonical text that was hashed');
    const expectedPosition = stream.lastPosition + 1;
    if (row.position !== expectedPosition) {
      at('position-gap', `expected position ${expectedPosition}, found ${row.position}`);
    }
    const expectedPrevious = stream.lastPosition === 0 ? GENESIS_HASH : stream.lastHash;
    if (row.previousHash !== expectedPrevious) {
      at('broken-link', `previousHash ${row.previousHash} is not the hash before it (${expectedPrevious})`);
    }
    if (stream.checkpointed && row.position === stream.checkpointed.version) stream.hashAtCheckpoint = row.hash;
    stream.lastPosition = row.position;
    stream.lastHash = row.hash;
  }

  /**
   * A whole stream that the caller has already checked with these same rules and found
   * clean (the store's fast screen): it counts as seen and checked, with no problem.
   */
  addProvenStream(streamId: string, events: number): void {
    this.closeStream();
    if (this.seen.has(streamId)) throw new Error(`rows of stream ${streamId} arrived in more than one run`);
    this.seen.add(streamId);
    this.eventsChecked += events;
  }

  /** Close the last stream, look for streams that should exist but had no events; report. */
  finish(): VerificationReport & { problemCount: number; problemsTruncated: boolean } {
    this.closeStream();
    for (const streamId of this.expectations.expectedStreams()) {
      if (this.seen.has(streamId)) continue;
      this.seen.add(streamId);
      this.current = { streamId, lastPosition: 0, lastHash: GENESIS_HASH, checkpointed: this.expectations.checkpointedHead(streamId), hashAtCheckpoint: undefined };
      this.closeStream();
    }
    return {
      valid: this.problems.count === 0,
      eventsChecked: this.eventsChecked,
      problems: this.problems.listed,
      problemCount: this.problems.count,
      problemsTruncated: this.problems.truncated,
    };
  }

  private openStream(streamId: string): void {
    this.closeStream();
    if (this.seen.has(streamId)) {
      // rows of one stream were not contiguous: the reader broke the contract
      throw new Error(`rows of stream ${streamId} arrived in more than one run`);
    }
    this.seen.add(streamId);
    this.current = {
      streamId,
      lastPosition: 0,
      lastHash: GENESIS_HASH,
      checkpointed: this.expectations.checkpointedHead(streamId),
      hashAtCheckpoint: undefined,
    };
  }

  private closeStream(): void {
    const stream = this.current;
    if (!stream) return;
    this.current = undefined;
    const { streamId, lastPosition, lastHash } = stream;
    const head = this.expectations.recordedHead(streamId);
    if (!head) {
      if (lastPosition > 0) this.problems.add({ kind: 'head-mismatch', streamId, position: lastPosition, detail: 'the stream has events but no recorded head' });
    } else if (head.version !== lastPosition || head.headHash !== lastHash) {
      this.problems.add({
        kind: 'head-mismatch',
        streamId,
        position: lastPosition,
        detail: `recorded head is version ${head.version} / ${head.headHash}; the events end at ${lastPosition} / ${lastHash}`,
      });
    }
    const checkpointed = stream.checkpointed;
    if (!checkpointed) return;
    if (lastPosition < checkpointed.version) {
      this.problems.add({
        kind: 'truncated-after-checkpoint',
        streamId,
        position: checkpointed.version,
        detail: `the signed checkpoint saw ${checkpointed.version} events; the stream now ends at ${lastPosition}`,
      });
    } else if (stream.hashAtCheckpoint !== checkpointed.headHash) {
      this.problems.add({
        kind: 'checkpoint-mismatch',
        streamId,
        position: checkpointed.version,
        detail: `the signed checkpoint has ${checkpointed.headHash} at position ${checkpointed.version}; the stream has ${stream.hashAtCheckpoint ?? 'no event there'}`,
      });
    }
  }
}
