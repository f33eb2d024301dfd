import fc from 'fast-check';
import { recorded } from '../../../../test/support/given-when-then';
import { received } from '../../../../test/support/complaint-fixtures';
import type { NewEvent } from '../events/complaint-events';
import { evolve, foldEvents, InvalidEventSequenceError, type EventForFold } from './complaint-state';

const acknowledged: NewEvent = {
  id: 'e-2',
  type: 'ComplaintAcknowledged',
  actor: { principal: 'system', role: 'system' },
  occurredAt: '2026-11-24T10:00:00.000Z',
  data: {
    acknowledgedAt: '2026-11-24T10:00:00.000Z',
    severity: 'high',
    owner: 'queue:delivery',
    deadlines: {
      acknowledgeBy: '2026-11-24T10:01:00.000Z',
      firstContactBy: '2026-11-24T14:00:00.000Z',
      updateBy: '2026-11-25T10:00:00.000Z',
      promiseWarningAt: '2026-11-26T16:00:00.000Z',
      promisedResolutionBy: '2026-11-27T10:00:00.000Z',
      finalResponseBy: '2027-01-19T10:00:00.000Z',
    },
  },
};

function note(i: number): NewEvent {
  return {
    id: `n-${i}`,
    type: 'NoteAdded',
    actor: { principal: 'alice', role: 'agent' },
    occurredAt: `2026-11-24T12:00:${String(i % 60).padStart(2, '0')}.000Z`,
    data: { noteId: `n-${i}`, text: `note ${i}` },
  };
}

describe('folding a case', () => {
  it('is received, then acknowledged with its severity, owner and deadlines', () => {
    const afterReceived = foldEvents(recorded([received]));
    const state = foldEvents(recorded([received, acknowledged]));

    expect(afterReceived.status).toBe('received');
    expect(afterReceived.owner).toBe('queue:delivery');
    expect(state).toMatchObject({
      status: 'acknowledged',
      severity: 'high',
      owner: 'queue:delivery',
      version: 2,
      headHash: 'hash-2',
      acknowledgedAt: '2026-11-24T10:00:00.000Z',
      deadlines: acknowledged.data.deadlines,
      policyVersion: 'default-2026-11',
    });
  });

  it('refuses a stream that does not start with ComplaintReceived, or receives twice', () => {
    expect(() => foldEvents(recorded([acknowledged]))).toThrow(InvalidEventSequenceError);
    expect(() => foldEvents(recorded([received, received]))).toThrow(InvalidEventSequenceError);
    expect(() => foldEvents([])).toThrow(InvalidEventSequenceError);
  });

  it('keeps one owner, counts every event and never moves updatedAt backwards for any run of notes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 59 }), { maxLength: 40 }), (seconds) => {
        const notes = [...seconds].sort((a, b) => a - b).map(note);
        const events: EventForFold[] = recorded([received, acknowledged, ...notes]);
        let state = evolve(null, events[0]);
        for (const event of events.slice(1)) {
          const next = evolve(state, event);
          expect(next.owner).toEqual(expect.any(String));
          expect(next.owner.length).toBeGreaterThan(0);
          expect(Date.parse(next.updatedAt)).toBeGreaterThanOrEqual(Date.parse(state.updatedAt));
          expect(next.version).toBe(state.version + 1);
          state = next;
        }
        expect(state.notes).toHaveLength(notes.length);
        expect(state.version).toBe(events.length);
      }),
    );
  });
});
