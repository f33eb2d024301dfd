/**
 * The decision behind each update of the complaint workflow: the wire command (JSON)
 * handed to the pure domain decision. One table, so every action is wired the same way.
 */
import {
  type ComplaintState,
  type NewEvent,
  type DecisionContext,
  decideAddNote,
  decideAssignment,
  decideHandoffAcceptance,
  decideRecordContact,
  decideCustomerMessage,
  decideRequestInformation,
  decidePromiseCallback,
  decideRevisePromise,
  decideRequestEscalation,
  decideMerge,
  decideRecordMerged,
  decideCompensationDecision,
  decideProposeCompensation,
  decideResolution,
  decideResolutionReview,
  decideSatisfaction,
  decideWithdrawal,
} from '../../libs/domain/src/workflow';
import type { CaseCommandName, CaseCommands } from './messages';

type Decide<N extends CaseCommandName> = (
  state: ComplaintState,
  command: CaseCommands[N],
  context: DecisionContext,
) => readonly NewEvent[];

export const CASE_ACTIONS: { [N in CaseCommandName]: Decide<N> } = {
  addNote: (state, command, context) =>
    decideAddNote(state, command, { actor: context.actor, now: context.now, eventId: context.newId() }),
  assign: decideAssignment,
  acceptHandoff: (state, _command, context) => decideHandoffAcceptance(state, context),
  recordContact: decideRecordContact,
  requestInformation: decideRequestInformation,
  customerMessage: decideCustomerMessage,
  revisePromise: (state, command, context) =>
    decideRevisePromise(state, { resolveBy: new Date(command.resolveBy), reason: command.reason }, context),
  promiseCallback: (state, command, context) =>
    decidePromiseCallback(state, { by: new Date(command.by), reason: command.reason }, context),
  escalate: decideRequestEscalation,
  merge: decideMerge,
  recordMerged: decideRecordMerged,
  proposeCompensation: decideProposeCompensation,
  decideCompensation: decideCompensationDecision,
  resolve: decideResolution,
  reviewResolution: decideResolutionReview,
  answerSatisfaction: decideSatisfaction,
  withdraw: decideWithdrawal,
};
