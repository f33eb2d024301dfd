/**
 * OpenAPI helpers and the schemas of what the API answers. Request schemas come from the
 * same zod schemas the server validates with (`openApiSchema`); answer schemas are written
 * here against the views the controllers return (case-view.ts), typed and nullable where
 * the value can be null, so a client (or schemathesis) can check every answer against them.
 */
import { z } from 'zod';
import { applyDecorators } from '@nestjs/common';
import { ApiQuery, type ApiBodyOptions } from '@nestjs/swagger';
import {
  CHANNELS,
  CLOSURES,
  SEVERITIES,
  STATUSES,
  COMPENSATION_TYPES,
  CONTACT_KINDS,
  ESCALATION_REASONS,
  NOTIFICATION_TYPES,
  PROMISE_KINDS,
  RESOLUTION_OUTCOMES,
  NOT_DECIDABLE_REASONS,
  NOTICE_KINDS,
} from '../../../../libs/domain/src';
import { ROLES } from '../../../../libs/config/src';
import { PROBLEM_CATALOGUE, PROBLEM_KINDS } from '../problems/problem-catalogue';
import { FAIRNESS_GROUPINGS, FAIRNESS_RATE_METRICS, FAIRNESS_TIME_METRICS } from '../reports/fairness-judgement';

/** @nestjs/swagger does not export its SchemaObject type from the package root. */
export type SchemaObject = Exclude<Extract<ApiBodyOptions, { schema: unknown }>['schema'], { $ref: string }>;

export function openApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as SchemaObject;
}

// ---- building blocks ----
const string: SchemaObject = { type: 'string' };
const integer: SchemaObject = { type: 'integer' };
const boolean: SchemaObject = { type: 'boolean' };
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const uuidString: SchemaObject = { type: 'string', format: 'uuid' };
const enumOf = (values: readonly string[]): SchemaObject => ({ type: 'string', enum: [...values] });
const nullable = (schema: SchemaObject): SchemaObject => ({
  ...schema,
  nullable: true,
  ...(schema.enum ? { enum: [...schema.enum, null] } : {}),
});
const arrayOf = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
/** An object whose every listed property is always present. */
const record = (properties: Record<string, SchemaObject>, description?: string): SchemaObject => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(properties),
  properties,
});

export const problemSchema: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: {
      type: 'string',
      description: 'one per kind of problem (problem-catalogue.ts); `about:blank` for an HTTP status no kind stands for',
      enum: [...PROBLEM_KINDS.map((kind) => PROBLEM_CATALOGUE[kind].type), 'about:blank'],
    },
    title: string,
    status: integer,
    detail: string,
    instance: string,
    errors: arrayOf({ type: 'object', required: ['path', 'message'], properties: { path: string, message: string } }),
  },
};

const actor = record({ principal: string, role: string });
const money = record({ minor: integer, currency: string });

const deadlines = record({
  acknowledgeBy: dateTime,
  firstContactBy: dateTime,
  updateBy: dateTime,
  promiseWarningAt: dateTime,
  promisedResolutionBy: dateTime,
  finalResponseBy: dateTime,
});

const promise = record({
  promiseId: string,
  kind: enumOf(PROMISE_KINDS),
  dueBy: dateTime,
  warnAt: nullable(dateTime),
  madeAt: dateTime,
  status: enumOf(['open', 'kept', 'broken']),
  warned: boolean,
  revisions: arrayOf(record({ dueBy: dateTime, previousDueBy: dateTime, reason: string, at: dateTime })),
});

const compensation = record({
  proposalId: string,
  type: enumOf(COMPENSATION_TYPES),
  amount: money,
  rationale: string,
  instalments: nullable(record({ count: integer, amounts: arrayOf(money), dueDates: arrayOf({ type: 'string', format: 'date' }) })),
  goodwill: boolean,
  status: enumOf(['approved', 'pending_approval', 'rejected']),
  proposedBy: string,
  proposedAt: dateTime,
  requiredRole: string,
  rung: integer,
  approvalDueBy: nullable(dateTime),
  decidedBy: nullable(string),
  decidedAt: nullable(dateTime),
  decisionReason: nullable(string),
});

const resolution = record({
  resolutionId: string,
  outcome: enumOf(RESOLUTION_OUTCOMES),
  summary: string,
  responseText: string,
  issuedAt: dateTime,
  issuedBy: string,
  reviewedBy: nullable(string),
  summaryResolution: boolean,
  satisfactionDueBy: nullable(dateTime),
  final: boolean,
  rootCause: nullable(string),
});

export const caseSchema: SchemaObject = record(
  {
    id: uuidString,
    reference: { type: 'string', example: 'CR-2026-000042' },
    status: enumOf(STATUSES),
    closure: nullable(enumOf(CLOSURES)),
    severity: enumOf(SEVERITIES),
    category: string,
    channel: enumOf(CHANNELS),
    customer: record({
      id: string,
      name: nullable(string),
      email: nullable(string),
      phone: nullable(string),
      segment: nullable(string),
      language: nullable(string),
    }),
    summary: string,
    description: string,
    desiredOutcome: nullable(string),
    callbackUrl: nullable(string),
    owner: { type: 'string', example: 'queue:billing' },
    pendingHandoff: nullable(record({ handoffId: string, from: string, to: string, requestedAt: dateTime, expiresAt: dateTime })),
    escalationLevel: integer,
    escalations: arrayOf(
      record({
        reason: enumOf(ESCALATION_REASONS),
        fromLevel: integer,
        toLevel: integer,
        role: string,
        owner: string,
        note: nullable(string),
        at: dateTime,
      }),
    ),
    deadlines: nullable(deadlines),
    promisedResolutionBy: nullable(dateTime),
    breached: { type: 'boolean', description: 'some promise to the customer was broken' },
    atRisk: { type: 'boolean', description: 'an open promise to the customer is past the policy’s warning point (warningAt), when the engine records PromiseWarning' },
    promises: arrayOf(promise),
    clocks: record({ slaPausedMs: integer, slaPausedSince: nullable(dateTime) }),
    firstContactAt: nullable(dateTime),
    contacts: arrayOf(record({ contactId: string, kind: enumOf(CONTACT_KINDS), summary: string, by: string, at: dateTime, late: boolean })),
    informationRequests: arrayOf(
      record({ requestId: string, question: string, askedBy: string, askedAt: dateTime, answeredAt: nullable(dateTime), pausedMs: integer }),
    ),
    customerMessages: arrayOf(record({ messageId: string, text: string, requestId: nullable(string), at: dateTime })),
    compensation: arrayOf(compensation),
    resolution: nullable(resolution),
    resolutions: arrayOf(resolution),
    pendingResolution: nullable(
      record({ resolutionId: string, outcome: enumOf(RESOLUTION_OUTCOMES), summary: string, responseText: string, proposedBy: string, proposedAt: dateTime }),
    ),
    correspondenceRejections: arrayOf(
      record({
        attemptId: string,
        problems: arrayOf({ type: 'object', required: ['code', 'path', 'message'], properties: { code: string, path: string, message: string, excerpt: string } }),
        by: string,
        at: dateTime,
      }),
    ),
    satisfaction: nullable(record({ satisfied: boolean, score: nullable(integer), comment: nullable(string), at: dateTime })),
    reopenCount: integer,
    withdrawalReason: nullable(string),
    notes: arrayOf(record({ noteId: string, text: string, author: string, at: dateTime })),
    possibleDuplicateOf: nullable(uuidString),
    mergedInto: nullable(uuidString),
    merged: arrayOf(record({ complaintId: uuidString, reference: string, channel: enumOf(CHANNELS), summary: string, description: string, receivedAt: dateTime, mergedAt: dateTime })),
    notifications: arrayOf(
      record({ notificationId: string, type: enumOf(NOTIFICATION_TYPES), attempts: integer, delivered: boolean, abandoned: boolean, lastError: nullable(string) }),
    ),
    policyVersion: string,
    filedBy: string,
    version: { type: 'integer', description: 'number of events recorded for the case' },
    receivedAt: dateTime,
    acknowledgedAt: nullable(dateTime),
    lastActionAt: dateTime,
    updatedAt: dateTime,
  },
  'A complaint case as it stands now',
);

/** The case with what only `GET /v1/complaints/{id}` adds: newer cases flagged as its duplicates. */
export const caseWithDuplicatesSchema: SchemaObject = {
  ...caseSchema,
  required: [...(caseSchema.required ?? []), 'possibleDuplicates'],
  properties: { ...caseSchema.properties, possibleDuplicates: arrayOf(uuidString) },
};

export const eventSchema: SchemaObject = record({
  position: integer,
  id: uuidString,
  type: { type: 'string', example: 'ComplaintAcknowledged' },
  schemaVersion: integer,
  occurredAt: dateTime,
  recordedAt: dateTime,
  actor,
  data: { type: 'object', description: 'the event’s own fields (see CONTRACT.md, "Event names")' },
  hash: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of the RFC 8785 canonical form of the stored event' },
  previousHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
});

/** One notice to the customer (GET /v1/complaints/{id}/notices), as recorded on the event that caused it. */
export const noticeSchema: SchemaObject = record({
  noticeId: { type: 'string', description: 'the webhook-id of the notification that carries it' },
  kind: enumOf(NOTICE_KINDS),
  language: { type: 'string', example: 'pl', description: 'the policy language the templates were taken from' },
  requestedLanguage: nullable({ type: 'string', example: 'pl-PL', description: 'the customer’s language as given at intake' }),
  fallback: { ...arrayOf(string), example: ['pl-PL', 'pl'], description: 'the language tags tried, ending with `language`' },
  direction: enumOf(['ltr', 'rtl']),
  subject: string,
  text: { type: 'string', description: 'what the customer reads; in a right-to-left notice, embedded references, dates and amounts are wrapped in Unicode bidi isolates (U+2068 … U+2069)' },
  templateVersion: { type: 'string', example: 'default-2026-12-2/pl', description: '`<policy version>/<language>`' },
  causedBy: record({ eventId: uuidString, type: string, position: integer }),
  issuedAt: dateTime,
  delivery: record({
    status: enumOf(['no_callback', 'pending', 'delivered', 'retrying', 'abandoned']),
    attempts: integer,
    deliveredAt: nullable(dateTime),
  }),
});

/** One server-sent event of `GET /v1/complaints/{id}/events/stream` (its fields, as an SSE client parses them). */
export const complaintEventMessageSchema: SchemaObject = {
  type: 'object',
  description: 'one message per newly recorded event: `id: <position>`, `event: complaint-event`, `data: <event JSON>`',
  required: ['id', 'event', 'data'],
  properties: {
    id: { type: 'string', pattern: '^[0-9]+$', description: 'the event’s position in the case (send it back as Last-Event-ID to resume)' },
    event: { type: 'string', enum: ['complaint-event'] },
    data: { type: 'string', description: 'the event as JSON, exactly as GET /v1/complaints/{id}/events shows it (the event schema)' },
  },
};

export const casePageSchema: SchemaObject = record({ items: arrayOf(caseSchema), nextCursor: nullable(string) });

/** What every case command answers: the events it recorded and the case as it now stands. */
export const commandReplySchema: SchemaObject = record({ events: arrayOf(eventSchema), case: caseSchema });

export const withReply = (properties: Record<string, SchemaObject>): SchemaObject => ({
  ...commandReplySchema,
  required: [...(commandReplySchema.required ?? []), ...Object.keys(properties)],
  properties: { ...commandReplySchema.properties, ...properties },
});

export const noteReplySchema = withReply({ note: record({ noteId: uuidString, text: string, author: string, at: dateTime }) });
export const proposalReplySchema = withReply({
  proposalId: string,
  status: enumOf(['approved', 'pending_approval']),
  requiredRole: string,
});
export const mergeReplySchema = withReply({ into: caseSchema });

const proposalSummary = {
  proposalId: uuidString,
  complaintId: uuidString,
  reference: string,
  type: enumOf(COMPENSATION_TYPES),
  amount: money,
  goodwill: boolean,
  status: enumOf(['approved', 'pending_approval', 'rejected']),
  proposedBy: string,
  proposedAt: dateTime,
};

export const approvalsSchema: SchemaObject = record({
  items: arrayOf(
    record({
      ...proposalSummary,
      requiredRole: string,
      approvalDueBy: nullable(dateTime),
      summary: string,
      category: string,
      severity: enumOf(SEVERITIES),
      viewerLimit: record(
        { minor: nullable(integer), currency: string },
        'the viewer’s approval limit in the proposal’s currency: null no limit, 0 none in that currency',
      ),
      decidable: boolean,
      notDecidableBecause: nullable(enumOf(NOT_DECIDABLE_REASONS)),
      notDecidableDetail: nullable(string),
      customerId: string,
      customerHistory: arrayOf(record(proposalSummary, 'the same customer’s other proposals in the last 12 months')),
    }),
  ),
});

/** `GET /v1/me`: who the calling key belongs to. */
export const meSchema: SchemaObject = record({ principal: string, role: enumOf(ROLES) });

export const apiKeyListSchema: SchemaObject = arrayOf(record({ principal: string, role: enumOf(ROLES), createdAt: dateTime }));

export const apiKeyIssuedSchema: SchemaObject = record({
  principal: string,
  role: enumOf(ROLES),
  secret: { type: 'string', description: 'the new secret: shown this once, send it as `Authorization: Bearer <secret>`' },
  rotated: { type: 'boolean', description: 'the principal had a key, which this one replaces' },
  createdAt: dateTime,
});

const count = integer;
const timing = record({ count, medianMs: nullable(integer), p90Ms: nullable(integer), targetMs: nullable(integer) });

/** `GET /v1/dashboard`. */
export const dashboardSchema: SchemaObject = record({
  from: dateTime,
  to: dateTime,
  coversThrough: { type: 'integer', description: 'the highest global event position the figures include' },
  workload: record({
    queues: arrayOf(record({ queue: string, open: count })),
    owners: arrayOf(record({ owner: string, open: count, breached: count, atRisk: count })),
  }),
  openByStatus: arrayOf(record({ status: enumOf(STATUSES), count })),
  openByAge: arrayOf(record({ bucket: enumOf(['under-1-day', '1-3-days', '3-7-days', '7-28-days', 'over-28-days']), count })),
  promiseKeepingByWeek: arrayOf(record({ weekStart: { type: 'string', format: 'date' }, kept: count, broken: count, rate: nullable({ type: 'number' }) })),
  escalationsByReason: arrayOf(record({ reason: enumOf(ESCALATION_REASONS), count })),
  timeToAcknowledge: timing,
  timeToFinalResponse: timing,
  compensationApproved: arrayOf(record({ type: enumOf(COMPENSATION_TYPES), currency: string, count, minor: integer })),
});

const reportHead = {
  from: dateTime,
  to: dateTime,
  coversThrough: { type: 'integer', description: 'the highest global event position the report tables had folded when the report was computed' },
  eventsCovered: { type: 'integer', description: 'how many events the report tables had folded' },
} satisfies Record<string, SchemaObject>;

const promiseFigures = {
  made: count,
  kept: count,
  revised: { ...count, description: 'promises revised at least once' },
  revisions: { ...count, description: 'revisions of all of them' },
  broken: count,
  brokenReasons: record({ due: count, closed: count }),
  open: count,
  keepingRate: nullable({ type: 'number', description: 'kept / (kept + broken); null while none is settled' }),
} satisfies Record<string, SchemaObject>;

export const promisesReportSchema: SchemaObject = record({
  ...reportHead,
  groupBy: enumOf(['owner', 'team', 'category', 'month']),
  groups: arrayOf(record({ group: string, ...promiseFigures })),
  total: record(promiseFigures),
});

const fairnessTime = record({
  count: { ...count, description: 'cases that got there (the others are left out of this figure)' },
  medianMs: nullable({ ...integer, description: 'milliseconds from receipt; null when no case got there' }),
  p90Ms: nullable(integer),
});
const fairnessRate = record({
  of: { ...count, description: 'the denominator: the cases the rate is of' },
  count,
  rate: nullable({ type: 'number', description: 'count / of; null when of is 0' }),
});
const fairnessMetric = enumOf([...FAIRNESS_TIME_METRICS, ...FAIRNESS_RATE_METRICS]);
const sampleSizes = record({ group: count, rest: count }, 'the sizes of the two samples compared: cases with the time, or the rate’s denominator');

/** `GET /v1/reports/fairness`. */
export const fairnessReportSchema: SchemaObject = record({
  ...reportHead,
  by: enumOf(FAIRNESS_GROUPINGS),
  alpha: { type: 'number', description: 'the significance level (policy `reports.fairnessAlpha`, default 0.05), for the whole report (Holm)' },
  minGroupSize: { ...count, description: 'groups and samples smaller than this are not judged (policy `reports.minGroupSize`, default 30)' },
  correction: enumOf(['holm']),
  groups: arrayOf(
    record({
      group: { ...string, description: '`(none)` for the cases without a segment or language' },
      cases: count,
      tooSmall: { ...boolean, description: 'fewer cases than minGroupSize: shown, not compared' },
      times: record(Object.fromEntries(FAIRNESS_TIME_METRICS.map((metric) => [metric, fairnessTime]))),
      rates: record(Object.fromEntries(FAIRNESS_RATE_METRICS.map((metric) => [metric, fairnessRate]))),
      escalations: { ...count, description: 'escalations of the group’s cases, all of them' },
      promisesBroken: { ...count, description: 'promises broken on the group’s cases, all of them' },
      compensation: arrayOf(record({ currency: string, offeredMinor: integer, approvedMinor: integer })),
    }),
  ),
  comparisons: arrayOf(
    record({
      metric: fairnessMetric,
      group: string,
      test: enumOf(['mann-whitney-u', 'two-proportion-z']),
      statistic: { type: 'number', description: 'U of the group’s sample (Mann-Whitney), or z of the group’s rate against the rest’s (positive: the group’s is higher)' },
      pValue: { type: 'number', description: 'two-sided, of this test alone' },
      adjustedPValue: { type: 'number', description: 'Holm-adjusted over all the comparisons of the report' },
      flagged: { ...boolean, description: 'adjustedPValue < alpha' },
      sizes: sampleSizes,
      values: record({ group: nullable({ type: 'number' }), rest: nullable({ type: 'number' }) }, 'the medians (milliseconds) or the rates compared'),
    }),
  ),
  notJudged: arrayOf(record({ metric: fairnessMetric, group: string, sizes: sampleSizes })),
});

const approvedMoney = record({ type: enumOf(COMPENSATION_TYPES), currency: string, approved: count, minor: integer });

export const outcomesReportSchema: SchemaObject = record({
  ...reportHead,
  endings: arrayOf(
    record({ ending: enumOf(['confirmed', 'unconfirmed', 'withdrawn', 'merged']), cases: count, reopened: count, compensationApproved: arrayOf(approvedMoney) }),
  ),
  compensationApprovedInWindow: arrayOf(approvedMoney),
});

const whatIfFigures = record({
  promisesBroken: count,
  warnings: { ...count, description: 'promise warnings' },
  escalations: count,
  regulatoryMissed: { ...count, description: 'regulatory final-response deadlines in the window missed by the first final response (or passed with none while open)' },
});

const excludedCases = record({ cases: count, references: arrayOf({ ...string, description: 'the first 100 named' }) });

export const whatIfReportSchema: SchemaObject = record({
  ...reportHead,
  candidatePolicyVersion: string,
  policyInForce: { ...string, description: 'the version of the policy in force, under which the replayed cases ran' },
  replayed: { ...count, description: 'cases replayed' },
  categories: arrayOf(record({ category: string, cases: count, actual: whatIfFigures, whatIf: whatIfFigures })),
  total: record({ cases: count, actual: whatIfFigures, whatIf: whatIfFigures }),
  excluded: record({
    otherPolicy: { ...excludedCases, description: 'open in the window but started under another policy version: no baseline for the candidate' },
    closedBeforePeriod: { ...excludedCases, description: 'closed before the window began' },
  }),
});

const returnFigures = {
  opened: { ...count, description: 'complaints received in the period' },
  closed: { ...count, description: 'complaints whose first final response (or summary resolution letter) went out in the period' },
  closedWithin3BusinessDays: { ...count, description: 'closed by the end of the third business day after the day of receipt (policy calendar)' },
  closedAfter3BusinessDaysWithin8Weeks: { ...count, description: 'closed later, but within 8 calendar weeks of receipt' },
  closedAfter8Weeks: { ...count, description: 'closed more than 8 calendar weeks after receipt' },
  upheld: { ...count, description: 'of those closed: upheld or partially upheld' },
  upheldPercent: nullable({ type: 'number', description: '100 × upheld / closed, to two decimals; null when none was closed' }),
  endedWithoutResponse: { ...count, description: 'withdrawn or merged in the period without a final response (not closed in the return’s sense)' },
  redress: arrayOf(money),
} satisfies Record<string, SchemaObject>;

export const returnsReportSchema: SchemaObject = record({
  ...reportHead,
  period: { type: 'string', pattern: '^[12]\\d{3}H[12]$', example: '2026H2' },
  groups: arrayOf(
    record({
      productGroup: { type: 'string', description: 'the policy’s product group, or `(unmapped)` for the categories it maps to none' },
      categories: arrayOf(string),
      ...returnFigures,
    }),
  ),
  total: record(returnFigures),
  reconciliation: arrayOf(
    record(
      { currency: string, fromReportTables: integer, fromEvents: integer, reconciled: boolean },
      'per currency: the redress of the return against the CompensationApproved events of the period, summed straight from the events',
    ),
  ),
  reconciled: { ...boolean, description: 'every currency reconciled to the minor unit' },
});

export const rootCausesReportSchema: SchemaObject = record({
  ...reportHead,
  timeZone: { type: 'string', description: 'the policy’s time zone, in which the months are counted' },
  recurringCauseThreshold: { type: 'integer', description: 'a cause named this many times in a category and month recurs' },
  responses: { ...count, description: 'final responses issued in the window' },
  causes: arrayOf(
    record({
      category: string,
      month: { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2026-10' },
      cause: { type: 'string', description: 'the root-cause code the responses named, or `(none)`' },
      label: nullable({ type: 'string', description: 'the policy’s label of the code; null for `(none)` or a code the policy lists no more' }),
      responses: count,
      recurring: boolean,
    }),
  ),
});

/** One `@ApiQuery` per field of a query schema, with the schema the server validates it with. */
export function ApiQueryFrom(schema: z.ZodObject): MethodDecorator {
  const document = openApiSchema(schema) as SchemaObject & { properties?: Record<string, SchemaObject>; required?: string[] };
  return applyDecorators(
    ...Object.entries(document.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: document.required?.includes(name) ?? false, schema: property, description: property.description }),
    ),
  );
}
