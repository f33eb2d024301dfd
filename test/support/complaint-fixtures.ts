/** Realistic recorded events for the pure tests (Hebrew and Polish text from the seed articles' languages). */
import type { NewEvent } from '../../libs/domain/src/events/complaint-events';

export const received: NewEvent = {
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
    policyVersion: 'default-2026-11',
  },
};
