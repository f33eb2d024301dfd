import { TypedSearchAttributes, defineSearchAttributeKey } from '@temporalio/common';
import { FIRST_RESOLUTION_PROMISE, foldEvents, type EventForFold } from '../../libs/domain/src';
import { acceptedCase } from '../../test/support/complaint-fixtures';
import { caseSearchAttributes, changedSearchAttributes } from './case-search-attributes';

const at = '2026-11-24T10:00:00.000Z';
const accepted = acceptedCase(at, { severity: 'high' });

function after(...events: Omit<EventForFold, 'hash' | 'id' | 'occurredAt'>[]): EventForFold[] {
  return [
    ...accepted,
    ...events.map((event, index) => ({ ...event, id: `e-${accepted.length + index + 1}`, occurredAt: at, hash: `h${accepted.length + index + 1}` }) as EventForFold),
  ];
}

const taken = { type: 'OwnerAssigned', actor: { principal: 'alice', role: 'agent' }, data: { owner: 'alice', previousOwner: 'queue:delivery' } } as const;
const broken = {
  type: 'PromiseBroken',
  actor: { principal: 'system', role: 'system' },
  data: { promiseId: FIRST_RESOLUTION_PROMISE, dueBy: at, reason: 'due' },
} as const;

/** The attributes as an operator reads them: name → value. */
function byName(pairs: ReturnType<typeof caseSearchAttributes>): Record<string, unknown> {
  return Object.fromEntries(pairs.map((pair) => [pair.key.name, pair.value]));
}

describe('a case’s search attributes', () => {
  it('show its reference, status, owner, category, severity and that no promise is broken', () => {
    expect(byName(caseSearchAttributes(foldEvents(accepted)))).toEqual({
      ComplaintReference: 'CR-2026-000001',
      ComplaintStatus: 'acknowledged',
      ComplaintOwner: 'queue:delivery',
      ComplaintCategory: 'delivery',
      ComplaintSeverity: 'high',
      ComplaintBreached: false,
    });
  });

  it('follow the case: owner and status when taken, breached once a promise to the customer is broken', () => {
    const whenTaken = { ComplaintOwner: 'alice', ComplaintStatus: 'investigating' };
    expect(byName(caseSearchAttributes(foldEvents(after(taken))))).toMatchObject({ ...whenTaken, ComplaintBreached: false });
    expect(byName(caseSearchAttributes(foldEvents(after(taken, broken))))).toMatchObject({ ...whenTaken, ComplaintBreached: true });
  });
});

describe('the search attributes a workflow upserts', () => {
  const state = foldEvents(accepted);

  it('are every one for a run that carries none', () => {
    expect(changedSearchAttributes(state, new TypedSearchAttributes())).toEqual(caseSearchAttributes(state));
  });

  it('are none when the run carries the case as it stands', () => {
    expect(changedSearchAttributes(state, new TypedSearchAttributes(caseSearchAttributes(state)))).toEqual([]);
  });

  it('are only those that changed', () => {
    const carried = new TypedSearchAttributes(caseSearchAttributes(state));
    expect(byName(changedSearchAttributes(foldEvents(after(taken, broken)), carried))).toEqual({
      ComplaintStatus: 'investigating',
      ComplaintOwner: 'alice',
      ComplaintBreached: true,
    });
  });

  it('include one carried under its name with another type', () => {
    const carried = new TypedSearchAttributes([
      ...caseSearchAttributes(state).filter((pair) => pair.key.name !== 'ComplaintBreached'),
      { key: defineSearchAttributeKey('ComplaintBreached', 'KEYWORD'), value: 'false' },
    ]);
    expect(byName(changedSearchAttributes(state, carried))).toEqual({ ComplaintBreached: false });
  });
});
