/**
 * Reads PostgreSQL's binary COPY format (`COPY … TO STDOUT (FORMAT binary)`) from the
 * chunks a COPY stream delivers, whatever their boundaries: the 19-byte header, then per
 * row a 16-bit field count and per field a 32-bit length (-1 for NULL) and its bytes, then
 * the trailer (count -1). Rows are handed over as offsets into a buffer, without copying;
 * only a row cut by a chunk boundary is copied, once.
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_LENGTH = SIGNATURE.length + 8;
const INCOMPLETE = -1;
const FIRST_JOIN = 16 * 1024;

/**
 * Receives one row: field `i` is `buffer[starts[i], starts[i] + lengths[i])`, or NULL when
 * its length is -1. The arrays are reused for the next row.
 */
export type BinaryRowHandler = (buffer: Buffer, starts: Int32Array, lengths: Int32Array) => void;

export class BinaryCopyParser {
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  private pending: Buffer | null = null;
  private headerRead = false;
  private trailerRead = false;
  rows = 0;

  constructor(
    private readonly fieldCount: number,
    private readonly onRow: BinaryRowHandler,
  ) {
    this.starts = new Int32Array(fieldCount);
    this.lengths = new Int32Array(fieldCount);
  }

  push(chunk: Buffer): void {
    if (this.trailerRead) {
      if (chunk.length > 0) throw new Error('binary COPY: data after the trailer');
      return;
    }
    let from = 0;
    if (this.pending) {
      from = this.joinPending(chunk);
      if (from < 0) return;
    }
    this.parse(chunk, from);
  }

  /** The stream ended: everything must have been read, up to the trailer. */
  end(): void {
    if (!this.trailerRead || this.pending) throw new Error('binary COPY: the data ended before its trailer');
  }

  /**
   * Complete the row (or header) cut at the end of the last chunk with the start of this
   * one; answers where in `chunk` reading goes on, or -1 when the chunk did not suffice.
   */
  private joinPending(chunk: Buffer): number {
    const pending = this.pending!;
    for (let take = Math.min(chunk.length, FIRST_JOIN); ; take = Math.min(chunk.length, take * 4)) {
      const joined = Buffer.concat([pending, chunk.subarray(0, take)]);
      const end = this.readOne(joined, 0);
      if (end !== INCOMPLETE) {
        this.pending = null;
        return end - pending.length;
      }
      if (take === chunk.length) {
        this.pending = joined;
        return -1;
      }
    }
  }

  private parse(buffer: Buffer, from: number): void {
    let at = from;
    while (at < buffer.length && !this.trailerRead) {
      const end = this.readOne(buffer, at);
      if (end === INCOMPLETE) {
        this.pending = buffer.subarray(at);
        return;
      }
      at = end;
    }
    if (this.trailerRead && at < buffer.length) throw new Error('binary COPY: data after the trailer');
  }

  /** Read the header, one row or the trailer at `at`; answers where it ends, or INCOMPLETE. */
  private readOne(buffer: Buffer, at: number): number {
    const available = buffer.length;
    if (!this.headerRead) {
      if (available - at < HEADER_LENGTH) return INCOMPLETE;
      if (buffer.compare(SIGNATURE, 0, SIGNATURE.length, at, at + SIGNATURE.length) !== 0) {
        throw new Error('binary COPY: not the binary COPY signature');
      }
      const extension = buffer.readInt32BE(at + SIGNATURE.length + 4);
      if (available - at < HEADER_LENGTH + extension) return INCOMPLETE;
      this.headerRead = true;
      return at + HEADER_LENGTH + extension;
    }
    if (available - at < 2) return INCOMPLETE;
    const count = buffer.readInt16BE(at);
    if (count === -1) {
      this.trailerRead = true;
      return at + 2;
    }
    if (count !== this.fieldCount) throw new Error(`binary COPY: a row of ${count} fields, ${this.fieldCount} expected`);
    let p = at + 2;
    const { starts, lengths } = this;
    for (let field = 0; field < count; field += 1) {
      if (available - p < 4) return INCOMPLETE;
      const length = buffer.readInt32BE(p);
      p += 4;
      starts[field] = p;
      lengths[field] = length;
      if (length > 0) {
        if (available - p < length) return INCOMPLETE;
        p += length;
      }
    }
    this.rows += 1;
    this.onRow(buffer, starts, lengths);
    return p;
  }
}
