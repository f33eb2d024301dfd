/** Realistic recorded events for the pure tests (Hebrew and Polish text from the seed articles' languages). */
import {
  type ComplaintReceived,
  type NewEvent,
  type BusinessCalendar,
  calendarFor,
  type EventForFold,
  type DecisionContext,
  decideIntake,
  type Policy,
  type Severity,
} from '../../libs/domain/src';
import path from 'node:path';
import { loadPolicyFile } from '../../libs/config/src';

export const received: NewEvent<ComplaintReceived> = {
  id: 'e-1',
  type: 'ComplaintReceived',
  actor: { principal: 'desk-1', role: 'intake' },
  occurredAt: '2026-11-24T10:00:00.000Z',
  data: {
    complaintId: 'c-1',
    reference: 'CR-2026-000001',
    customer: { id: 'cust-1', name: 'נועה לוי', email: null, phone: null, segment: null, language: 'he' },
    channel: 'web',
    category: 'delivery',
    summary: 'המשלוח לא הגיע',
    description: 'הזמנתי לפני שבועיים ועדיין לא קיבלתי את החבילה',
    requestedSeverity: null,
    desiredOutcome: null,
    receivedAt: '2026-11-24T10:00:00.000Z',
    callbackUrl: null,
    filedBy: 'desk-1',
    policyVersion: 'default-2026-12-2',
    possibleDuplicateOf: null,
  },
};


const loaded = new Map<string, { policy: Policy; calendar: BusinessCalendar }>();

/** A shipped policy and its calendar, read once per test file. */
export function loadPolicy(file: 'default.yaml' | 'test-fast.yaml'): { policy: Policy; calendar: BusinessCalendar } {
  let entry = loaded.get(file);
  if (!entry) {
    const policy = loadPolicyFile(path.join(__dirname, '../../policies', file));
    entry = { policy, calendar: calendarFor(policy.calendar) };
    loaded.set(file, entry);
  }
  return entry;
}

let counter = 0;
/** A decision context at `now` with readable sequential ids. */
export function contextAt(
  now: string | Date,
  actor: { principal: string; role: string },
  policyFile: 'default.yaml' | 'test-fast.yaml' = 'default.yaml',
): DecisionContext {
  const { policy, calendar } = loadPolicy(policyFile);
  return { actor, now: new Date(now), newId: () => `id-${++counter}`, policy, calendar };
}

/** The recorded events of a case accepted at `at` (received and acknowledged). */
export function acceptedCase(
  at: string,
  options: { severity?: Severity; category?: string; policyFile?: 'default.yaml' | 'test-fast.yaml' } = {},
): EventForFold[] {
  const { policy, calendar } = loadPolicy(options.policyFile ?? 'default.yaml');
  const events = decideIntake(
    {
      customer: received.data.customer,
      channel: received.data.channel,
      category: options.category ?? 'delivery',
      summary: received.data.summary,
      description: received.data.description,
      severity: options.severity ?? null,
      desiredOutcome: null,
      receivedAt: null,
      callbackUrl: null,
    },
    {
      complaintId: 'c-1',
      reference: 'CR-2026-000001',
      now: new Date(at),
      actor: { principal: 'desk-1', role: 'intake' },
      policy,
      calendar,
      eventIds: ['e-1', 'e-2'],
    },
  );
  return events.map((e, i) => ({ ...e, hash: `h${i + 1}` }) as EventForFold);
}
