import { given } from '../../../../test/support/given-when-then';
import { calendarFor } from '../calendar/public-holidays';
import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import fc from 'fast-check';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { decideIntake, type IntakeCommand } from './decide-intake';

const { policy } = loadPolicy('default.yaml');
const calendar = calendarFor(policy.calendar);
// Tuesday 24 November 2026, 10:00 in London (GMT): well inside working hours
const now = new Date('2026-11-24T10:00:00.000Z');

const command: IntakeCommand = {
  customer: { id: 'c-7', name: 'Agnieszka Wiśniewska', email: null, phone: null, segment: 'retail', language: 'pl' },
  channel: 'phone',
  category: 'billing',
  summary: 'Podwójne obciążenie karty',
  description: 'Zapłaciłam dwa razy za fakturę 2026/114.',
  severity: null,
  desiredOutcome: 'Zwrot',
  receivedAt: null,
  callbackUrl: 'https://intake.example/hooks',
};

const context = {
  complaintId: '7f1c0e36-5d0e-4f0a-9d61-0d3f1d2b9c11',
  reference: 'CR-2026-000042',
  now,
  actor: { principal: 'desk-1', role: 'intake' },
  policy,
  calendar,
  eventIds: ['e-1', 'e-2'] as const,
};

describe('intake', () => {
  it('given nothing, when a complaint arrives, then it is received and acknowledged at once with its deadlines', () => {
    given([])
      .when(() => decideIntake(command, context))
      .then([
        {
          id: 'e-1',
          type: 'ComplaintReceived',
          actor: { principal: 'desk-1', role: 'intake' },
          occurredAt: '2026-11-24T10:00:00.000Z',
          data: {
            complaintId: context.complaintId,
            reference: 'CR-2026-000042',
            customer: command.customer,
            channel: 'phone',
            category: 'billing',
            summary: command.summary,
            description: command.description,
            requestedSeverity: null,
            desiredOutcome: 'Zwrot',
            receivedAt: '2026-11-24T10:00:00.000Z',
            callbackUrl: 'https://intake.example/hooks',
            filedBy: 'desk-1',
            policyVersion: 'default-2026-12-2',
            possibleDuplicateOf: null,
          },
        },
        {
          id: 'e-2',
          type: 'ComplaintAcknowledged',
          actor: { principal: 'system', role: 'system' },
          occurredAt: '2026-11-24T10:00:00.000Z',
          data: {
            acknowledgedAt: '2026-11-24T10:00:00.000Z',
            severity: 'normal',
            owner: 'queue:billing',
            deadlines: {
              acknowledgeBy: '2026-11-24T10:01:00.000Z', // PT1M
              firstContactBy: '2026-11-25T10:00:00.000Z', // P1D: next business day, same time
              updateBy: '2026-11-26T10:00:00.000Z', // P2D
              promiseWarningAt: expect.any(String),
              promisedResolutionBy: '2026-12-01T10:00:00.000Z', // P5D: Tue -> next Tue
              finalResponseBy: '2027-01-19T10:00:00.000Z', // P56D, calendar days, never paused
            },
            // the customer's acknowledgment, in Polish, its webhook's message
            notices: [
              expect.objectContaining({
                noticeId: 'e-2',
                kind: 'acknowledgment',
                language: 'pl',
                direction: 'ltr',
                subject: 'Przyjęliśmy Twoją reklamację CR-2026-000042',
                text: expect.stringContaining('Chcemy ją rozpatrzyć do 1 grudnia 2026 10:00 (7 dni od dziś)'),
                templateVersion: 'default-2026-12-2/pl',
              }),
            ],
          },
        },
      ]);
  });

  it('counts the deadlines from when the customer complained, not from when the letter was opened', () => {
    const [, acknowledged] = decideIntake(
      { ...command, channel: 'letter', receivedAt: new Date('2026-11-20T10:00:00.000Z') },
      context,
    );
    expect(acknowledged.data.deadlines.firstContactBy).toBe('2026-11-23T10:00:00.000Z'); // Fri -> Mon
    expect(acknowledged.data.acknowledgedAt).toBe('2026-11-24T10:00:00.000Z');
  });

  it('raises the severity to the category floor (safety is at least high)', () => {
    const [, acknowledged] = decideIntake({ ...command, category: 'safety', severity: 'low' }, context);
    expect(acknowledged.data.severity).toBe('high');
    expect(acknowledged.data.owner).toBe('queue:safety');
  });

  it('gives every customer segment the same deadlines', () => {
    const deadlinesFor = (segment: string | null) =>
      decideIntake({ ...command, customer: { ...command.customer, segment } }, context)[1].data.deadlines;
    expect(deadlinesFor('vip')).toEqual(deadlinesFor('retail'));
    expect(deadlinesFor(null)).toEqual(deadlinesFor('retail'));
  });

  it('refuses a receivedAt in the future', () => {
    given([])
      .when(() => decideIntake({ ...command, receivedAt: new Date('2026-11-25T10:00:00.000Z') }, context))
      .thenRefuses('invalid-command', 'receivedAt');
  });

  it('refuses a receivedAt so early that the regulatory final-response deadline has already passed', () => {
    // P56D in London calendar days: 29 September 10:00 BST (09:00Z) is due 24 November 10:00 GMT, now
    given([])
      .when(() => decideIntake({ ...command, receivedAt: new Date('2026-09-29T09:00:00.000Z') }, context))
      .thenRefuses('invalid-command', 'receivedAt');
    given([])
      .when(() => decideIntake({ ...command, receivedAt: new Date('0001-01-01T00:00:00.000Z') }, context))
      .thenRefuses('invalid-command', 'receivedAt');
    expect(decideIntake({ ...command, receivedAt: new Date('2026-09-29T09:00:00.001Z') }, context)[1].data.deadlines.finalResponseBy).toBe(
      '2026-11-24T10:00:00.001Z',
    );
  });

  it('answers any receivedAt the wire can carry with a decision or a refusal (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (receivedAt) => {
        try {
          const [received] = decideIntake({ ...command, receivedAt }, context);
          expect(Date.parse(received.data.receivedAt)).toBe(receivedAt.getTime());
        } catch (error) {
          expect(error).toBeInstanceOf(ComplaintRuleError);
        }
      }),
    );
  });
});
