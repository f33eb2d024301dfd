/** An event row as the store holds it, envelope and chain included. */
export interface StoredEvent {
  /** global position (bigint as decimal text) */
  globalPosition: string;
  streamId: string;
  /** 1-based position in the stream */
  position: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  actor: unknown;
  occurredAt: string;
  recordedAt: string;
  /** the RFC 8785 text that was hashed */
  canonical: string;
  hash: string;
  previousHash: string;
}
