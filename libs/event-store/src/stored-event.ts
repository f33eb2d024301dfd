/** An event row as the store holds it: the chained content, its canonical text and hash. */
import type { ChainedContent } from './event-hash';

export interface StoredEvent extends ChainedContent {
  /** global position (bigint as decimal text) */
  globalPosition: string;
  /** the RFC 8785 text that was hashed */
  canonical: string;
  hash: string;
}
