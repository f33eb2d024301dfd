/**
 * The read model's changes: whatever run of actions a case goes through, writing each
 * action's changes as the store does (the summary's changed members merged, each new or
 * changed item put at its place) gives back exactly the case the events fold to; and each
 * action's changes hold only what it changed.
 */
import fc from 'fast-check';
import { acceptedCase } from '../../../../test/support/complaint-fixtures';
import { caseStep, decideStep } from '../../../../test/support/random-case-actions';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import type { NewEvent } from '../events/complaint-events';
import { CASE_LISTS, caseFromParts, type CaseChanges, type CaseList, type CaseSummary } from './case-changes';
import { foldEvents, type ComplaintState } from './complaint-state';
import { foldAction, withHead } from './fold-action';

/** The store's two tables, as the SQL writes them. */
class StoredCase {
  private summary: Record<string, unknown> = {};
  private readonly lists = new Map<CaseList, unknown[]>();

  apply(changes: CaseChanges, head: string): void {
    this.summary = { ...this.summary, ...changes.summary, headHash: head };
    for (const { list, position, item } of changes.items) {
      const items = this.lists.get(list) ?? [];
      items[position] = item;
      this.lists.set(list, items);
    }
  }

  read(): ComplaintState {
    return caseFromParts(this.summary as CaseSummary, Object.fromEntries(this.lists));
  }
}

const json = (value: unknown) => (value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown));

it('writes back the folded case after any run of actions, each action writing only what it changed', () => {
  let appliedItems = 0;
  fc.assert(
    fc.property(fc.array(caseStep, { minLength: 1, maxLength: 25 }), (steps) => {
      let now = new Date('2026-11-24T10:00:00.000Z');
      const intake = acceptedCase(now.toISOString()) as unknown as NewEvent[];
      const store = new StoredCase();
      let first = foldAction(null, intake);
      store.apply(first.changes, 'head-2');
      let state = withHead(first.state, 'head-2');
      const events: NewEvent[] = [...intake];
      for (const step of steps) {
        now = new Date(now.getTime() + step.minutes * 60_000);
        let decided: readonly NewEvent[] = [];
        try {
          decided = decideStep(state, step, now);
        } catch (error) {
          if (!(error instanceof ComplaintRuleError)) throw error;
        }
        if (decided.length === 0) continue;
        const folded = foldAction(state, decided);
        const head = `head-${events.length + decided.length}`;
        // only what changed: no list item the action left as it was, no summary member either
        for (const { list, position, item } of folded.changes.items) {
          expect(json(state[list][position])).not.toEqual(json(item));
        }
        for (const [member, value] of Object.entries(folded.changes.summary)) {
          expect(json((state as unknown as Record<string, unknown>)[member])).not.toEqual(json(value));
        }
        store.apply(folded.changes, head);
        appliedItems += folded.changes.items.length;
        events.push(...decided);
        state = withHead(folded.state, head);
      }
      const expected = foldEvents(events.map((e, i) => ({ ...e, hash: i === events.length - 1 ? state.headHash : '' })));
      expect(json(store.read())).toEqual(json(expected));
      first = foldAction(null, intake); // the summary of a new case carries every member
      expect(Object.keys(first.changes.summary).sort()).toEqual(
        Object.keys(first.state).filter((k) => !(CASE_LISTS as readonly string[]).includes(k) && k !== 'headHash').sort(),
      );
    }),
    { numRuns: 100 },
  );
  expect(appliedItems).toBeGreaterThan(100);
});

it('keeps the summary fixed in size: no member of it is a list', () => {
  const { changes } = foldAction(null, acceptedCase('2026-11-24T10:00:00.000Z') as unknown as NewEvent[]);
  expect(Object.entries(changes.summary).filter(([, value]) => Array.isArray(value))).toEqual([]);
});
