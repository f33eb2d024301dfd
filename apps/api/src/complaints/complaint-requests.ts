/**
 * The request bodies of the complaint routes, as zod schemas: validated at the edge and
 * turned into the OpenAPI document (`z.toJSONSchema`), so the document is what the
 * server really checks. Text is stored exactly as sent (no trimming): any language,
 * right-to-left scripts and emoji round-trip byte for byte.
 */
import { z } from 'zod';
import { CHANNELS, SEVERITIES, STATUSES } from '../../../../libs/domain/src/case/complaint-values';
import { COMPENSATION_TYPES, CONTACT_KINDS, RESOLUTION_OUTCOMES } from '../../../../libs/domain/src/events/complaint-events';
import { MAX_NOTE_LENGTH } from '../../../../libs/domain/src/commands/add-note';
import type { CallbackDestinationRule } from '../../../../libs/callbacks/src';

/** Text that is not blank and holds no NUL (PostgreSQL text cannot store U+0000). */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, 'must not be blank')
    .refine((s) => !s.includes('\u0000'), 'must not contain U+0000');

const optionalText = (max: number) => text(max).optional();

export const customerSchema = z.object({
  id: text(200).describe("the customer's id in the intake system"),
  name: optionalText(300),
  email: z.email().max(320).optional(),
  phone: z
    .string()
    .max(40)
    .regex(/^[+0-9 ()./-]{3,40}$/, 'must be a phone number')
    .optional(),
  segment: optionalText(100).describe('reported on for fairness; never changes a deadline'),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag, e.g. he or pl-PL')
    .optional(),
});

const callbackUrl = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  .describe(
    'where webhooks about this case are sent: https to a public address (http only where the operator allows it). ' +
      'Refused: addresses that are loopback, private, link-local, multicast, unspecified, broadcast, carrier-grade NAT, ' +
      'reserved or the engine’s own (also in IPv6 forms embedding them), local names (localhost, *.localhost, *.local, ' +
      '*.internal, *.home.arpa, *.localdomain, single-label names) and user:password@; hosts the operator allows are exempt. ' +
      'A name is resolved at each delivery and refused if any address it resolves to is refused; redirects are not followed.',
  );

export const createComplaintSchema = z.object({
  customer: customerSchema,
  channel: z.enum(CHANNELS),
  category: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\p{L}\p{N}_.-]+$/u, 'must be letters, digits, _ . or -'),
  summary: text(500),
  description: text(20_000),
  severity: z.enum(SEVERITIES).optional(),
  desiredOutcome: optionalText(5_000),
  receivedAt: z.iso.datetime({ offset: true }).optional().describe('when the customer complained; default: now'),
  callbackUrl: callbackUrl.optional(),
});
export type CreateComplaintRequest = z.infer<typeof createComplaintSchema>;

/** The intake body as this deployment checks it: the callback URL must pass its destination rule. */
export function createComplaintSchemaWith(destinations: CallbackDestinationRule) {
  return createComplaintSchema.extend({
    callbackUrl: callbackUrl
      .superRefine((url, ctx) => {
        const refusal = destinations.checkUrl(url);
        if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
      })
      .optional(),
  });
}

export const addNoteSchema = z.object({ text: text(MAX_NOTE_LENGTH) });
export type AddNoteRequest = z.infer<typeof addNoteSchema>;

export const complaintIdSchema = z.uuid();

const futureInstant = z.iso.datetime({ offset: true });

export const assignmentSchema = z.object({
  to: z.string().min(1).max(200).describe('the principal who should own the case (yourself: take it at once)'),
  note: text(2_000).optional(),
});

export const contactSchema = z.object({
  kind: z.enum(CONTACT_KINDS),
  summary: text(10_000),
});

export const informationRequestSchema = z.object({ question: text(10_000) });
export const customerMessageSchema = z.object({ text: text(20_000) });
export const promiseSchema = z.object({
  resolveBy: futureInstant.describe('the new promised resolution date'),
  reason: text(2_000),
});
export const callbackPromiseSchema = z.object({
  by: futureInstant.describe('call the customer back by then'),
  reason: text(2_000),
});
export const escalationSchema = z.object({ reason: text(2_000) });
export const emptySchema = z.object({}).optional();

export const listQuerySchema = z.object({
  status: z.enum(STATUSES).optional(),
  owner: z.string().min(1).max(200).optional(),
  breached: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  segment: z.string().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('received at or after'),
  to: z.iso.datetime({ offset: true }).optional().describe('received before'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const mergeSchema = z.object({ into: z.uuid().describe('the older case this one duplicates') });

const money = z.object({
  minor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('integer minor units (e.g. pence)'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
});

export const compensationSchema = z.object({
  type: z.enum(COMPENSATION_TYPES),
  amount: money,
  rationale: text(5_000),
  instalments: z
    .object({
      count: z.number().int().min(2),
      amounts: z.array(money).min(2),
      dueDates: z.array(z.iso.date()).min(2),
    })
    .optional()
    .describe('the schedule of an instalment_plan'),
});

export const decisionSchema = z.object({ decision: z.enum(['approve', 'reject']), reason: text(2_000) });

export const resolutionSchema = z.object({
  outcome: z.enum(RESOLUTION_OUTCOMES),
  summary: text(5_000),
  responseText: z.string().max(50_000).describe('the final response as sent to the customer; checked before it goes out'),
});

export const satisfactionSchema = z.object({
  satisfied: z.boolean(),
  score: z.number().int().min(0).max(10).optional(),
  comment: text(5_000).optional(),
});

export const withdrawalSchema = z.object({ reason: text(2_000) });
