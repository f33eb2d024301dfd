/**
 * The same complaint reported twice (a retry, a second channel): intake only flags the
 * newer case (`possibleDuplicateOf`); a person merges it. The newer case closes as
 * `merged` into the older one (settled like every closure: commands/closure.ts), which
 * records the newer report's channel and text. Every event of both cases stays.
 */
import type { ComplaintState } from '../case/complaint-state';
import type { ComplaintMerged, NewEvent } from '../events/complaint-events';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { requireOpen } from '../commands/case-guards';
import { closeCase } from '../commands/closure';
import { envelope, type DecisionContext } from '../commands/decision-context';

export interface MergeInto {
  /** the older case */
  into: string;
  intoReceivedAt: string;
  /** the older case's reference, which the customer is told (absent in commands sent before 2026-12-02) */
  intoReference?: string;
}

export type MergedReportCommand = ComplaintMerged['data'];

/** Close the newer case as merged into the older one. */
export function decideMerge(state: ComplaintState, command: MergeInto, context: DecisionContext): NewEvent[] {
  requireOpen(state);
  if (command.into === state.id) {
    throw new ComplaintRuleError('invalid-command', 'a case cannot be merged into itself', [
      { path: 'into', message: 'must be another case' },
    ]);
  }
  if (Date.parse(command.intoReceivedAt) > Date.parse(state.receivedAt)) {
    throw new ComplaintRuleError('invalid-command', 'merge the newer case into the older one', [
      { path: 'into', message: 'must be a case received before this one' },
    ]);
  }
  return closeCase(state, 'merged', null, context, command.into, command.intoReference ?? null);
}

/** The older case records the newer report; recording the same report again changes nothing. */
export function decideRecordMerged(
  state: ComplaintState,
  command: MergedReportCommand,
  context: DecisionContext,
): NewEvent<ComplaintMerged>[] {
  requireOpen(state);
  if (state.merged.some((m) => m.complaintId === command.complaintId)) return [];
  return [{ ...envelope(context), type: 'ComplaintMerged', data: { ...command } }];
}
