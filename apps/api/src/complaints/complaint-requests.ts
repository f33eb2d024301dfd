/**
 * The request bodies and query strings of the complaint routes, as zod schemas: validated
 * at the edge and turned into the OpenAPI document (`z.toJSONSchema`), so the document is
 * what the server really checks (wire-formats.ts). Objects are strict: a field the
 * contract does not name is refused (400 naming it), never silently dropped. Text is
 * stored exactly as sent (no trimming): any language, right-to-left scripts and emoji
 * round-trip byte for byte.
 */
import { z } from 'zod';
import {
  CHANNELS,
  SEVERITIES,
  STATUSES,
  COMPENSATION_TYPES,
  CONTACT_KINDS,
  RESOLUTION_OUTCOMES,
  MAX_NOTE_LENGTH,
} from '../../../../libs/domain/src';
import { calendarDate, instant, NO_NUL, safeInteger, text, uuid } from '../validation/wire-formats';
import { ProblemException } from '../problems/problem';

export const customerSchema = z.strictObject({
  id: text(200).describe("the customer's id in the intake system"),
  name: text(300).optional(),
  email: z
    .string()
    .max(320)
    .regex(/^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/, 'must be an e-mail address')
    .optional()
    .describe('an e-mail address'),
  phone: z
    .string()
    .regex(/^[+0-9 ()./-]{3,40}$/, 'must be a phone number')
    .optional(),
  segment: text(100).optional().describe('reported on for fairness; never changes a deadline'),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,8}$/, 'must be a BCP 47 language tag, e.g. he or pl-PL')
    .optional(),
});

export const createComplaintSchema = z.strictObject({
  customer: customerSchema,
  channel: z.enum(CHANNELS),
  category: z
    .string()
    .regex(/^[\p{L}\p{N}_.-]{1,100}$/u, 'must be 1-100 letters, digits, _ . or -'),
  summary: text(500),
  description: text(20_000),
  severity: z.enum(SEVERITIES).optional(),
  desiredOutcome: text(5_000).optional(),
  receivedAt: instant()
    .optional()
    .describe(
      'when the customer complained; default: now. Refused (422) when later than now (5 minutes of clock skew allowed) ' +
        'or so early that the regulatory final-response deadline has already passed',
    ),
  callbackUrl: z
    .string()
    .max(2_000)
    // eslint-disable-next-line no-control-regex -- no control characters or spaces in a URL
    .regex(/^[Hh][Tt][Tt][Pp][Ss]?:\/\/[^\u0000-\u0020\u007f]+$/, 'must be an http(s) URL')
    .optional()
    .describe(
      'where webhooks about this case are sent: https to a public address (http only where the operator allows it). ' +
        'Refused with 422: a URL that does not parse, addresses that are loopback, private, link-local, multicast, unspecified, ' +
        'broadcast, carrier-grade NAT, reserved or the engine’s own (also in IPv6 forms embedding them), local names ' +
        '(localhost, *.localhost, *.local, *.internal, *.home.arpa, *.localdomain, single-label names) and user:password@; ' +
        'hosts the operator allows are exempt. A name is resolved at each delivery and refused if any address it resolves ' +
        'to is refused; redirects are not followed.',
    ),
});
export type CreateComplaintRequest = z.infer<typeof createComplaintSchema>;

export const addNoteSchema = z.strictObject({ text: text(MAX_NOTE_LENGTH) });
export type AddNoteRequest = z.infer<typeof addNoteSchema>;

export const complaintIdSchema = uuid();

export const assignmentSchema = z.strictObject({
  to: text(200).describe('the principal who should own the case (yourself: take it at once)'),
  note: text(2_000).optional(),
});

export const contactSchema = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  summary: text(10_000),
});

export const informationRequestSchema = z.strictObject({ question: text(10_000) });
export const customerMessageSchema = z.strictObject({ text: text(20_000) });
export const promiseSchema = z.strictObject({
  resolveBy: instant().describe(
    'the new promised resolution date: in the future and not after the regulatory final-response deadline ' +
      '(for a case past it or reopened, not more than one regulatory period from now); otherwise 422',
  ),
  reason: text(2_000),
});
export const callbackPromiseSchema = z.strictObject({
  by: instant().describe('call the customer back by then: in the future, within the same range as a promised resolution date'),
  reason: text(2_000),
});
export const escalationSchema = z.strictObject({ reason: text(2_000) });
export const emptySchema = z.strictObject({}).optional();

export const listQuerySchema = z.strictObject({
  status: z.enum(STATUSES).optional(),
  owner: text(200).optional().describe('a principal or a queue, e.g. queue:billing'),
  ownerKind: z.enum(['queue', 'person']).optional().describe('queue: still owned by a category queue (owner queue:…); person: owned by a principal'),
  reference: text(100).optional().describe('exactly this case reference, e.g. CR-2026-000042'),
  breached: z.enum(['true', 'false']).optional().describe('some promise to the customer was broken'),
  segment: text(100).optional(),
  from: instant().optional().describe('received at or after'),
  to: instant().optional().describe('received before'),
  limit: z
    .string()
    .regex(/^(?:[1-9]|[1-9]\d|1\d\d|200)$/, 'must be a whole number from 1 to 200')
    .optional()
    .describe('page size, 1-200 (default 50)'),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,500}$/, 'must be the nextCursor of a previous page')
    .optional()
    .describe('the nextCursor of the previous page'),
});
export type ListQueryInput = z.infer<typeof listQuerySchema>;
export interface ListQuery {
  status?: ListQueryInput['status'];
  owner?: string;
  ownerKind?: ListQueryInput['ownerKind'];
  reference?: string;
  breached?: boolean;
  segment?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** The query as the list service reads it (booleans and numbers, the default page size). */
export function listQuery(input: ListQueryInput): ListQuery {
  return { ...input, breached: input.breached === undefined ? undefined : input.breached === 'true', limit: Number(input.limit ?? 50) };
}

export const mergeSchema = z.strictObject({ into: uuid().describe('the older case this one duplicates') });

const money = z.strictObject({
  minor: safeInteger().min(0).describe('integer minor units (e.g. pence)'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
});

export const compensationSchema = z.strictObject({
  type: z.enum(COMPENSATION_TYPES),
  amount: money,
  rationale: text(5_000),
  instalments: z
    .strictObject({
      count: safeInteger().min(2).max(360),
      amounts: z.array(money).min(2).max(360),
      dueDates: z.array(calendarDate()).min(2).max(360),
    })
    .optional()
    .describe('the schedule of an instalment_plan: count, amounts summing to the total, due dates in increasing order'),
});

export const decisionSchema = z.strictObject({ decision: z.enum(['approve', 'reject']), reason: text(2_000) });

export const resolutionSchema = z.strictObject({
  outcome: z.enum(RESOLUTION_OUTCOMES),
  summary: text(5_000),
  responseText: z
    .string()
    .max(50_000)
    .regex(NO_NUL, 'must not contain U+0000')
    .describe('the final response as sent to the customer; checked before it goes out (422 with every reason)'),
  rootCause: z
    .string()
    .max(100)
    .optional()
    .describe('why the complaint happened: one of the policy’s root-cause codes (required when the policy lists them; refused when it lists none)'),
});

export const satisfactionSchema = z.strictObject({
  satisfied: z.boolean(),
  score: safeInteger().min(0).max(10).optional(),
  comment: text(5_000).optional(),
});

export const withdrawalSchema = z.strictObject({ reason: text(2_000) });

/** A position in a case's event stream (the `position` of its events, the `id` of its server-sent events). */
export const streamPositionSchema = z
  .string()
  .regex(/^(?:0|[1-9]\d{0,8})$/, 'must be an event position: a whole number from 0');

export const eventStreamQuerySchema = z.strictObject({
  after: streamPositionSchema
    .optional()
    .describe('send the events after this position first (Last-Event-ID wins when both are given); without either, only new events'),
});

/**
 * Where a live event stream resumes: after the Last-Event-ID header's position (what an
 * EventSource sends when it reconnects), else after `?after=`, else null (from now).
 */
export function resumePosition(lastEventId: string | undefined, after: string | undefined): number | null {
  if (lastEventId !== undefined) {
    const parsed = streamPositionSchema.safeParse(lastEventId.trim());
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'invalid';
      throw new ProblemException('validation', `headers.last-event-id: ${message}`, { errors: [{ path: 'headers.last-event-id', message }] });
    }
    return Number(parsed.data);
  }
  return after === undefined ? null : Number(after);
}
