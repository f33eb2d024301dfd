/**
 * The messages of the complaint workflow, shared by the API (which sends them) and the
 * workflow (which handles them). Definitions only: safe to import from both sides.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ComplaintState } from '../../libs/domain/src/case/complaint-state';
import type { Actor, RecordedEvent } from '../../libs/domain/src/events/complaint-events';
import type { AddNote } from '../../libs/domain/src/commands/add-note';

export function complaintWorkflowId(complaintId: string): string {
  return `complaint-${complaintId}`;
}

export interface ComplaintWorkflowInput {
  complaintId: string;
  /** the case's recorded events at the time of the start (from intake onward) */
  history: RecordedEvent[];
}

/** Every human action carries who takes it; the API fills it from the authenticated key. */
export interface ActionOf<C> {
  actor: Actor;
  command: C;
}

export interface ActionResult {
  events: RecordedEvent[];
  state: ComplaintState;
}

export const addNoteUpdate = defineUpdate<ActionResult, [ActionOf<AddNote>]>('addNote');
export const caseStateQuery = defineQuery<ComplaintState>('caseState');
