/**
 * The last few case states this process folded and wrote, so the next append of the same
 * case can fold onto it without reading the projection row first (the workflow is a
 * stream's only writer, so its next append usually finds its own last state here).
 *
 * A hint, never trusted: each entry names the version and head hash it was folded at, and
 * the append sends both as its precondition; the database refuses a different head
 * (`wrong-head`), and the append then reads the projection row instead.
 *
 * States are kept as the objects the fold returned. `evolve` never mutates the state it
 * is given (every step returns a new object), and what differs from a state read back
 * from the row (key order, `undefined` members) is lost in the JSON the row stores, so a
 * hit writes the same row a read would. Callers must not mutate a state they are given.
 */
import type { ComplaintState } from '../../domain/src';

export class CaseStateMemo {
  private readonly entries = new Map<string, ComplaintState>();

  constructor(private readonly capacity: number) {}

  /** The state of `complaintId` at `version`, if this process folded it last. */
  stateAt(complaintId: string, version: number): ComplaintState | null {
    const state = this.entries.get(complaintId);
    return state?.version === version ? state : null;
  }

  remember(complaintId: string, state: ComplaintState): void {
    this.entries.delete(complaintId);
    this.entries.set(complaintId, state);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  forget(complaintId: string): void {
    this.entries.delete(complaintId);
  }
}
