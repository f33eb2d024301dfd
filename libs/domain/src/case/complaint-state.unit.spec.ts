import fc from 'fast-check';
import { recorded } from '../../../../test/support/given-when-then';
import { received } from '../../../../test/support/complaint-fixtures';
import { SYSTEM_ACTOR, type NewEvent } from '../events/complaint-events';
import { foldEvents, InvalidEventSequenceError, isAtRisk, isBreached } from './complaint-state';

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
      policyVersion: 'default-2026-12-2',
    });
  });

  it('refuses a stream that does not start with ComplaintReceived, or receives twice', () => {
    expect(() => foldEvents(recorded([acknowledged]))).toThrow(InvalidEventSequenceError);
    expect(() => foldEvents(recorded([received, received]))).toThrow(InvalidEventSequenceError);
    expect(() => foldEvents([])).toThrow(InvalidEventSequenceError);
  });

  it('for any run of notes and webhook outcomes: records every note as written, in order, moves the inactivity clock only on notes, and changes nothing else', () => {
    const note = fc.record({ kind: fc.constant('note' as const), author: fc.constantFrom('alice', 'bob', 'maria'), text: fc.string({ minLength: 1, maxLength: 12 }) });
    const outcome = fc.record({ kind: fc.constant('outcome' as const), notificationId: fc.constantFrom('w-1', 'w-2'), ok: fc.boolean(), attempt: fc.integer({ min: 1, max: 12 }) });
    const entry = fc.record({ what: fc.oneof(note, outcome), afterSeconds: fc.integer({ min: 0, max: 3_600 }) });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        // a stream's clock never runs backwards; events may share an instant
        let clock = Date.parse(acknowledged.occurredAt);
        const later: NewEvent[] = entries.map(({ what, afterSeconds }, i) => {
          clock += afterSeconds * 1000;
          const base = { id: `x-${i}`, occurredAt: new Date(clock).toISOString() };
          if (what.kind === 'note') {
            return { ...base, type: 'NoteAdded', actor: { principal: what.author, role: 'agent' }, data: { noteId: `n-${i}`, text: what.text } };
          }
          const data = { notificationId: what.notificationId, notificationType: 'complaint.acknowledged' as const, attempt: what.attempt };
          return what.ok
            ? { ...base, type: 'NotificationSent', actor: SYSTEM_ACTOR, data: { ...data, status: 204 } }
            : { ...base, type: 'NotificationFailed', actor: SYSTEM_ACTOR, data: { ...data, status: 500, error: 'HTTP 500', final: false } };
        });
        const events = recorded([received, acknowledged, ...later]);
        const before = foldEvents(events.slice(0, 2));
        const state = foldEvents(events);

        const notes = later.filter((e) => e.type === 'NoteAdded');
        expect(state.notes).toEqual(
          notes.map((e) => ({ noteId: (e.data as { noteId: string }).noteId, text: (e.data as { text: string }).text, author: e.actor.principal, at: e.occurredAt })),
        );
        // a webhook outcome is the engine noticing, not somebody acting on the case
        expect(state.lastActionAt).toBe((notes.at(-1) ?? acknowledged).occurredAt);
        expect(state.updatedAt).toBe((later.at(-1) ?? acknowledged).occurredAt);
        const outcomes = entries.map((e) => e.what).filter((w) => w.kind === 'outcome');
        const ids = [...new Set(outcomes.map((o) => o.notificationId))];
        expect(state.notifications.map((n) => [n.notificationId, n.attempts, n.delivered])).toEqual(
          ids.map((id) => {
            const mine = outcomes.filter((o) => o.notificationId === id);
            return [id, Math.max(...mine.map((o) => o.attempt)), mine.some((o) => o.ok)];
          }),
        );
        // neither notes nor webhook outcomes decide anything about the case
        const { notes: _n, notifications: _w, lastActionAt: _a, updatedAt: _u, version, headHash, ...rest } = state;
        const { notes: _bn, notifications: _bw, lastActionAt: _ba, updatedAt: _bu, version: _bv, headHash: _bh, ...restBefore } = before;
        expect(rest).toEqual(restBefore);
        expect(version).toBe(events.length);
        expect(headHash).toBe(events.at(-1)!.hash);
      }),
    );
  });
});

describe('at risk and breached', () => {
  const promise = (type: 'PromiseWarning' | 'PromiseKept' | 'PromiseBroken', id: string): NewEvent => ({
    id,
    type,
    actor: SYSTEM_ACTOR,
    occurredAt: '2026-11-26T16:00:00.000Z',
    data: { promiseId: 'resolution-1', dueBy: '2026-11-27T10:00:00.000Z' },
  }) as NewEvent;

  it('is at risk once an open promise passes its warning point, and no longer once it is kept or broken', () => {
    expect(isAtRisk(foldEvents(recorded([received, acknowledged])))).toBe(false);
    const warned = foldEvents(recorded([received, acknowledged, promise('PromiseWarning', 'e-3')]));
    expect([isAtRisk(warned), isBreached(warned)]).toEqual([true, false]);
    const kept = foldEvents(recorded([received, acknowledged, promise('PromiseWarning', 'e-3'), promise('PromiseKept', 'e-4')]));
    expect([isAtRisk(kept), isBreached(kept)]).toEqual([false, false]);
    const broken = foldEvents(recorded([received, acknowledged, promise('PromiseWarning', 'e-3'), promise('PromiseBroken', 'e-4')]));
    expect([isAtRisk(broken), isBreached(broken)]).toEqual([false, true]);
  });
});
