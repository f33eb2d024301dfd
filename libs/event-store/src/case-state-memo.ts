/**
 * The last few case states this process folded and wrote, so the next append of the same
 * case can fold onto it without reading the projection row first (the workflow is a
 * stream's only writer, so its next append usually finds its own last state here).
 *
 * A hint, never trusted: each entry names the version and head hash it was folded at, and
 * the append sends both as its precondition; the database refuses a different head
 * (`wrong-head`), and the append then reads the projection row instead. The state is kept
 * as the JSON the projection row stores and parsed on every hit, so a hit gives exactly
 * what reading the row would.
 */
import type { ComplaintState } from '../../domain/src/case/complaint-state';

export class CaseStateMemo {
  private readonly entries = new Map<string, { version: number; json: string }>();

  constructor(private readonly capacity: number) {}

  /** The state of `complaintId` at `version`, if this process folded it last. */
  stateAt(complaintId: string, version: number): ComplaintState | null {
    const entry = this.entries.get(complaintId);
    if (!entry || entry.version !== version) return null;
    return JSON.parse(entry.json) as ComplaintState;
  }

  remember(complaintId: string, state: ComplaintState, json: string): void {
    this.entries.delete(complaintId);
    this.entries.set(complaintId, { version: state.version, json });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  forget(complaintId: string): void {
    this.entries.delete(complaintId);
  }
}
