/**
 * The case's search attributes: what an operator knows of a case, indexed by Temporal's
 * visibility so the case's workflow can be found in Temporal's own UI and CLI
 * (`temporal workflow list --query "ComplaintReference = 'CR-2026-000072'"`). Each is named
 * `Complaint…`, so it cannot collide with another application's attributes in the namespace.
 *
 * The one definition of them: the starter sets them on every start (from the case's recorded
 * events), the workflow keeps them as the case stands after each recorded action, and the
 * registration (libs/case-workflows/src/case-search-attribute-registration.ts) creates these
 * keys on the server. Among the workflow sources, so workflow code may import it: definitions
 * and pure functions only.
 */
import { defineSearchAttributeKey, type SearchAttributePair, type TypedSearchAttributes } from '@temporalio/common';
import { isBreached, type ComplaintState } from '../../libs/domain/src/workflow';

export const CASE_SEARCH_ATTRIBUTE_KEYS = {
  /** the case's reference, as the customer and the API know it (`CR-2026-000072`) */
  reference: defineSearchAttributeKey('ComplaintReference', 'KEYWORD'),
  /** `received`, `acknowledged`, `investigating`, … `closed` */
  status: defineSearchAttributeKey('ComplaintStatus', 'KEYWORD'),
  /** the one owner: a principal, or a queue (`queue:<category>[:<role>]`) */
  owner: defineSearchAttributeKey('ComplaintOwner', 'KEYWORD'),
  category: defineSearchAttributeKey('ComplaintCategory', 'KEYWORD'),
  /** `low`, `normal`, `high`, `critical` */
  severity: defineSearchAttributeKey('ComplaintSeverity', 'KEYWORD'),
  /** some promise to the customer was broken (the case list's `breached`: isBreached) */
  breached: defineSearchAttributeKey('ComplaintBreached', 'BOOL'),
} as const;

/** The search attributes of a case as it stands. */
export function caseSearchAttributes(state: ComplaintState): SearchAttributePair[] {
  const keys = CASE_SEARCH_ATTRIBUTE_KEYS;
  return [
    { key: keys.reference, value: state.reference },
    { key: keys.status, value: state.status },
    { key: keys.owner, value: state.owner },
    { key: keys.category, value: state.category },
    { key: keys.severity, value: state.severity },
    { key: keys.breached, value: isBreached(state) },
  ];
}

/**
 * The search attributes a workflow must upsert so that what it carries (`current`) shows
 * the case as it stands: those missing or different (every one for a run that carries none).
 */
export function changedSearchAttributes(state: ComplaintState, current: TypedSearchAttributes): SearchAttributePair[] {
  return caseSearchAttributes(state).filter((pair) => current.get(pair.key) !== pair.value);
}
