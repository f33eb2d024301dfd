import { acceptedCase, contextAt } from '../../../../test/support/complaint-fixtures';
import { given, recorded } from '../../../../test/support/given-when-then';
import { foldEvents, type EventForFold } from '../case/complaint-state';
import { decideAssignment, decideHandoffAcceptance } from './assignment';
import { decideRequestEscalation } from '../escalation/request-escalation';

// Tuesday 24 November 2026, 10:00 London (GMT)
const at = '2026-11-24T10:00:00.000Z';
const alice = { principal: 'alice', role: 'agent' };
const bob = { principal: 'bob', role: 'agent' };
const maria = { principal: 'maria', role: 'manager' };

function after(events: EventForFold[], ...decisions: ((state: ReturnType<typeof foldEvents>) => readonly unknown[])[]): EventForFold[] {
  let all = events;
  for (const decide of decisions) all = [...all, ...recorded(decide(foldEvents(all)) as never[]).map((e, i) => ({ ...e, hash: `x${all.length + i}` }))];
  return all;
}

const taken = () => after(acceptedCase(at), (s) => decideAssignment(s, { to: 'alice', toRole: 'agent' }, contextAt(at, alice)));

describe('assignment', () => {
  it('given a case in its queue, when an agent takes it, then they own it at once', () => {
    given(acceptedCase(at))
      .when((s) => decideAssignment(s!, { to: 'alice', toRole: 'agent' }, contextAt(at, alice)))
      .then([expect.objectContaining({ type: 'OwnerAssigned', data: { owner: 'alice', previousOwner: 'queue:delivery' } })]);
  });

  it('given an owned case, when the owner hands it over, then it is pending until handoffAcceptance (4 working hours)', () => {
    const [event] = decideAssignment(foldEvents(taken()), { to: 'bob', toRole: 'agent' }, contextAt(at, alice));
    expect(event).toMatchObject({ type: 'HandoffRequested', data: { from: 'alice', to: 'bob', expiresAt: '2026-11-24T14:00:00.000Z' } });
  });

  it('refuses a handoff by an agent who neither owns the case nor supervises', () => {
    given(taken())
      .when((s) => decideAssignment(s!, { to: 'carol', toRole: 'agent' }, contextAt(at, bob)))
      .thenRefuses('not-permitted');
  });

  it('lets a manager hand over a case somebody else owns', () => {
    const [event] = decideAssignment(foldEvents(taken()), { to: 'bob', toRole: 'agent' }, contextAt(at, maria));
    expect(event.type).toBe('HandoffRequested');
  });

  it('lets only the named person accept a pending handoff', () => {
    const pending = after(taken(), (s) => decideAssignment(s, { to: 'bob', toRole: 'agent' }, contextAt(at, alice)));
    given(pending).when((s) => decideHandoffAcceptance(s!, contextAt(at, alice))).thenRefuses('not-permitted');
    given(pending)
      .when((s) => decideHandoffAcceptance(s!, contextAt(at, bob)))
      .then([expect.objectContaining({ type: 'HandoffAccepted', data: expect.objectContaining({ from: 'alice', to: 'bob' }) })]);
    given(pending).when((s) => decideAssignment(s!, { to: 'carol', toRole: 'agent' }, contextAt(at, maria))).thenRefuses('conflict');
  });

  it('refuses an owner below the rung the case is escalated to', () => {
    const escalated = after(acceptedCase(at), (s) => decideRequestEscalation(s, { reason: 'customer asked for a manager' }, contextAt(at, alice)));
    given(escalated).when((s) => decideAssignment(s!, { to: 'alice', toRole: 'agent' }, contextAt(at, alice))).thenRefuses('not-permitted');
    given(escalated)
      .when((s) => decideAssignment(s!, { to: 'maria', toRole: 'manager' }, contextAt(at, maria)))
      .then([expect.objectContaining({ type: 'OwnerAssigned', data: { owner: 'maria', previousOwner: 'queue:delivery:manager' } })]);
  });
});
