/**
 * The messages of the complaint workflow, shared by the API (which sends them) and the
 * workflow (which handles them). Definitions only: safe to import from both sides.
 * Commands travel as JSON: instants are ISO 8601 strings.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  ComplaintState,
  Actor,
  ContactKind,
  RecordedEvent,
  Policy,
  MergedReportCommand,
  DeliveryOutcome,
  DecideCompensation,
  ProposeCompensation,
  AnswerSatisfaction,
  IssueResolution,
  ReviewResolution,
} from '../../libs/domain/src/workflow';

export function complaintWorkflowId(complaintId: string): string {
  return `complaint-${complaintId}`;
}

export interface ComplaintWorkflowInput {
  complaintId: string;
  /** the policy the case started under (its version is on ComplaintReceived) */
  policy: Policy;
  /**
   * the public-holiday dates (`YYYY-MM-DD`) of the policy's calendar, resolved ahead
   * (libs/case-workflows/src/case-workflow-input.ts): needed when the calendar names `holidays`, which the workflow
   * does not look up itself
   */
  publicHolidays?: string[];
  /** the case's recorded events at the start (from intake onward) … */
  history?: RecordedEvent[];
  /** … or, after continue-as-new, the state they folded to */
  state?: ComplaintState;
  /** deadlines already acted on (carried across continue-as-new) */
  firedTimers?: string[];
  /** continue-as-new after this many events in one run (besides when Temporal suggests it) */
  maxEventsPerRun?: number;
  /** webhooks not yet delivered or given up (carried across continue-as-new) */
  awaitingNotifications?: string[];
}

/** Every human action carries who takes it; the API fills it from the authenticated key. */
export interface ActionOf<C> {
  actor: Actor;
  command: C;
}

/**
 * What an action did: the case's version after it and how many events it recorded (the
 * stream's positions `version - recorded + 1` … `version`). Neither the events nor the case:
 * an update's result is kept in the workflow's history, which must grow by the events'
 * size once, not by the case's; the API reads both from the store the append wrote.
 */
export interface ActionResult {
  version: number;
  recorded: number;
}

/** The result as the workflow gave it before 2026-12-01 (workflows started then still may). */
export interface ActionResultV0 {
  events: RecordedEvent[];
  state: ComplaintState;
}

export function isActionResultV0(result: ActionResult | ActionResultV0): result is ActionResultV0 {
  return 'state' in result;
}

export interface CaseCommands {
  addNote: { text: string };
  assign: { to: string; toRole: string; note?: string | null };
  acceptHandoff: Record<string, never>;
  recordContact: { kind: ContactKind; summary: string };
  requestInformation: { question: string };
  customerMessage: { text: string };
  revisePromise: { resolveBy: string; reason: string };
  promiseCallback: { by: string; reason: string };
  escalate: { reason: string };
  merge: { into: string; intoReceivedAt: string; intoReference?: string };
  recordMerged: MergedReportCommand;
  proposeCompensation: ProposeCompensation;
  decideCompensation: DecideCompensation;
  resolve: IssueResolution;
  reviewResolution: ReviewResolution;
  answerSatisfaction: AnswerSatisfaction;
  withdraw: { reason: string };
}
export type CaseCommandName = keyof CaseCommands;

function action<N extends CaseCommandName>(name: N) {
  return defineUpdate<ActionResult, [ActionOf<CaseCommands[N]>]>(name);
}

export const caseUpdates = {
  addNote: action('addNote'),
  assign: action('assign'),
  acceptHandoff: action('acceptHandoff'),
  recordContact: action('recordContact'),
  requestInformation: action('requestInformation'),
  customerMessage: action('customerMessage'),
  revisePromise: action('revisePromise'),
  promiseCallback: action('promiseCallback'),
  escalate: action('escalate'),
  merge: action('merge'),
  recordMerged: action('recordMerged'),
  proposeCompensation: action('proposeCompensation'),
  decideCompensation: action('decideCompensation'),
  resolve: action('resolve'),
  reviewResolution: action('reviewResolution'),
  answerSatisfaction: action('answerSatisfaction'),
  withdraw: action('withdraw'),
} as const;

export const addNoteUpdate = caseUpdates.addNote;
export const caseStateQuery = defineQuery<ComplaintState>('caseState');

/** The outbox relay reports each webhook delivery attempt; the workflow records it. */
export const deliveryOutcomeSignal = defineSignal<[DeliveryOutcome]>('deliveryOutcome');
