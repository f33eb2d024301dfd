/**
 * The decision behind each update of the complaint workflow: the wire command (JSON)
 * handed to the pure domain decision. One table, so every action is wired the same way.
 */
import type { ComplaintState } from '../../libs/domain/src/case/complaint-state';
import type { NewEvent } from '../../libs/domain/src/events/complaint-events';
import type { DecisionContext } from '../../libs/domain/src/commands/decision-context';
import { decideAddNote } from '../../libs/domain/src/commands/add-note';
import { decideAssignment, decideHandoffAcceptance } from '../../libs/domain/src/assignment/assignment';
import { decideRecordContact } from '../../libs/domain/src/investigation/record-contact';
import {
  decideCustomerMessage,
  decideRequestInformation,
} from '../../libs/domain/src/investigation/information-requests';
import { decidePromiseCallback, decideRevisePromise } from '../../libs/domain/src/promises/promise-ledger';
import { decideRequestEscalation } from '../../libs/domain/src/escalation/request-escalation';
import { decideMerge, decideRecordMerged } from '../../libs/domain/src/duplicates/merge';
import {
  decideCompensationDecision,
  decideProposeCompensation,
} from '../../libs/domain/src/compensation/compensation-decisions';
import {
  decideResolution,
  decideResolutionReview,
  decideSatisfaction,
  decideWithdrawal,
} from '../../libs/domain/src/resolution/resolution-decisions';
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
