/**
 * What one action changes in a case's read model, so the store writes only that: the
 * case's fixed-size part (the case without its growing lists) as a patch of the members
 * that changed, and each list item that is new or changed, by its list and position. A
 * case's notes, contacts, promises and other lists grow with its life; rewriting them on
 * every event would make each append cost the case's whole history.
 *
 * `caseFromParts` puts a case back together from the stored parts.
 */
import type { ComplaintState } from './complaint-state';
import { isAtRisk, isBreached } from './complaint-state';

/** The members of a case that grow with its life, each stored as one row per item. */
export const CASE_LISTS = [
  'escalations',
  'contacts',
  'informationRequests',
  'customerMessages',
  'promises',
  'compensation',
  'resolutions',
  'correspondenceRejections',
  'notes',
  'merged',
  'notifications',
] as const satisfies readonly (keyof ComplaintState)[];

export type CaseList = (typeof CASE_LISTS)[number];

type ListMembers = { [K in keyof ComplaintState]-?: ComplaintState[K] extends readonly unknown[] ? K : never }[keyof ComplaintState];
/** Compiles only while every list member of ComplaintState is named in CASE_LISTS (so the summary stays fixed-size). */
export type EveryListNamed = [Exclude<ListMembers, CaseList>] extends [never] ? true : never;
export const EVERY_LIST_NAMED: EveryListNamed = true;

/** The case without its lists: fixed in size whatever the case's age. */
export type CaseSummary = Omit<ComplaintState, CaseList>;

export interface CaseItem {
  list: CaseList;
  /** 0-based place in the list */
  position: number;
  item: unknown;
}

export interface CaseChanges {
  /** the summary's members that changed (every member for a new case); a member that became undefined is null */
  summary: Partial<CaseSummary>;
  /** the list items that are new or changed */
  items: CaseItem[];
  /** the read model's flags, by the domain's rules */
  breached: boolean;
  atRisk: boolean;
}

const LISTED = new Set<string>(CASE_LISTS);

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** What changed from `before` (none for a new case) to `after`. Lists only grow. */
export function caseChanges(before: ComplaintState | null, after: ComplaintState): CaseChanges {
  const summary: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    // the head hash is the store's to set: it chains the events when it records them
    if (LISTED.has(key) || key === 'headHash') continue;
    const previous = before ? (before as unknown as Record<string, unknown>)[key] : undefined;
    if (before === null || !same(previous, value)) summary[key] = value === undefined ? null : value;
  }
  const items: CaseItem[] = [];
  for (const list of CASE_LISTS) {
    const was: readonly unknown[] = before ? before[list] : [];
    if (after[list].length < was.length) throw new Error(`the case's ${list} shrank: its stored items would outlive it`);
    after[list].forEach((item, position) => {
      if (position >= was.length || !same(was[position], item)) items.push({ list, position, item });
    });
  }
  return { summary: summary as Partial<CaseSummary>, items, breached: isBreached(after), atRisk: isAtRisk(after) };
}

/** A case from its stored summary and lists (a list with no items is empty). */
export function caseFromParts(summary: CaseSummary, lists: Partial<Record<CaseList, unknown[]>>): ComplaintState {
  const state: Record<string, unknown> = { ...summary };
  for (const list of CASE_LISTS) state[list] = lists[list] ?? [];
  return state as unknown as ComplaintState;
}
