import { FIRST_RESOLUTION_PROMISE, foldEvents, type EventForFold } from '../../libs/domain/src';
import { acceptedCase } from '../../test/support/complaint-fixtures';
import { caseSearchAttributes } from './case-search-attributes';

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
