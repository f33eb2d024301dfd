// The policy file's schema (CONTRACT.md, "Policy file"). Operators write these files, so
// the shape is part of the public contract: extra fields are allowed everywhere, every
// documented field is checked, and each problem is reported against its field's path.
// Durations are ISO 8601; those measured in working time (everything except a
// calendar-counted regulatory final response) may not use months or years.
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { minutesOfDay, WEEKDAYS } from '../calendar/calendar-spec';
import { holidayRegionProblem } from '../calendar/public-holidays';
import { isoDurationProblem, workingDurationProblem } from '../calendar/working-duration';
import { SEVERITIES } from '../deadlines/severity';
import { NOTICE_KINDS } from '../notices/notice-templates';

/** Any valid, non-negative ISO 8601 duration (months and years allowed). */
const calendarDuration = z.string().check((ctx) => {
  const problem = isoDurationProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
});

/** An ISO 8601 duration measurable as working time (days, weeks, hours, minutes, seconds). */
const workingDuration = z.string().check((ctx) => {
  const problem = workingDurationProblem(ctx.value);
  if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: problem });
});

const timeOfDay = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'expected a time "HH:MM"' });

const openingHours = z
  .tuple([timeOfDay, timeOfDay], { error: 'expected ["HH:MM", "HH:MM"]' })
  .refine(([open, close]) => minutesOfDay(open) < minutesOfDay(close), { error: 'opening must be before closing' });

const weeklyHours = z
  .strictObject(Object.fromEntries(WEEKDAYS.map((day) => [day, openingHours.optional()])) as {
    [K in (typeof WEEKDAYS)[number]]: z.ZodOptional<typeof openingHours>;
  }, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? 'unknown weekday (expected mon, tue, wed, thu, fri, sat or sun)' : undefined,
  })
  .refine((week) => Object.values(week).some((hours) => hours !== undefined), {
    error: 'at least one weekday needs working hours',
  });

const workingHours = z.union([z.literal('24x7'), weeklyHours], {
  error: 'expected "24x7" or working hours per weekday, e.g. { mon: ["09:00", "17:30"] }',
});

const holidayRegion = z
  .looseObject({
    country: z.string().min(1),
    state: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
  })
  .check((ctx) => {
    const problem = holidayRegionProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, path: [problem.field], message: problem.message });
  });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date "YYYY-MM-DD"' })
  .refine((date) => DateTime.fromISO(date, { zone: 'UTC' }).isValid, { error: 'not a calendar date' });

export const calendarSchema = z.looseObject({
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), { error: 'not a valid IANA time zone' }),
  workingHours,
  holidays: holidayRegion.optional(),
  closedDates: z.array(isoDate).optional(),
});

const severityLevel = z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(', ')}` });

const severityDeadlines = z.looseObject({
  acknowledge: workingDuration,
  firstContact: workingDuration,
  updateInterval: workingDuration,
  resolution: workingDuration,
});

const categoryOverride = z.looseObject({
  severityAtLeast: severityLevel.optional(),
  acknowledge: workingDuration.optional(),
  firstContact: workingDuration.optional(),
  updateInterval: workingDuration.optional(),
  resolution: workingDuration.optional(),
});

const regulatory = z
  .looseObject({
    finalResponse: calendarDuration,
    counting: z.enum(['calendar', 'business'], { error: 'expected "calendar" or "business"' }),
    summaryResolution: workingDuration,
  })
  .check((ctx) => {
    if (ctx.value.counting !== 'business') return;
    const problem = workingDurationProblem(ctx.value.finalResponse);
    if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, path: ['finalResponse'], message: problem });
  });

const currencyCode = z.string().regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 currency code (3 capital letters)' });

const approvalRung = z.looseObject({
  role: z.string().min(1),
  limits: z.record(
    currencyCode,
    z.number().int({ error: 'expected a whole number of minor units or null' }).min(0).nullable(),
  ),
});

/** Correspondence phrases: one list for every language, or a list per language (`{ en: [...], he: [...] }`). */
const phrases = z.union([z.array(z.string()), z.record(z.string(), z.array(z.string()))], {
  error: 'expected a list of phrases, or a list per language, e.g. { en: ["ombudsman"], pl: ["Rzecznik Finansowy"] }',
});

const noticeMessage = z.looseObject({ subject: z.string(), text: z.string() });

/** One language's templates (a file `<folder>/<language>.yaml` when `templates` names a folder). */
const languageTemplates = z.looseObject({
  direction: z.enum(['ltr', 'rtl'], { error: 'expected "ltr" or "rtl"' }).optional(),
  lastReopenResponse: z.string(),
  ...(Object.fromEntries(NOTICE_KINDS.map((kind) => [kind, noticeMessage])) as { [K in (typeof NOTICE_KINDS)[number]]: typeof noticeMessage }),
});

/** Customer notices: the languages written in and, per language, the templates (loaded from a folder by the policy file's reader). */
const notices = z.looseObject({
  languages: z.array(z.string().min(1)).min(1),
  defaultLanguage: z.string().min(1),
  templates: z.record(z.string(), languageTemplates, {
    error: (issue) => (typeof issue.input === 'string' ? 'names a folder of templates, but nothing read it (load the policy from its file)' : undefined),
  }),
});

export const policySchema = z.looseObject({
  version: z.string().min(1),
  calendar: calendarSchema,
  severities: z.looseObject(
    Object.fromEntries(SEVERITIES.map((severity) => [severity, severityDeadlines])) as {
      [K in (typeof SEVERITIES)[number]]: typeof severityDeadlines;
    },
  ),
  categories: z.record(z.string(), categoryOverride).optional(),
  warningAt: z.number().gt(0).lt(1),
  regulatory,
  escalationLadder: z.array(z.string().min(1)).min(1),
  approvals: z.array(approvalRung).min(1),
  approvalDeadline: workingDuration,
  handoffAcceptance: workingDuration,
  satisfactionWindow: workingDuration,
  maxReopens: z.number().int().min(0),
  correspondence: z.looseObject({
    referralRightsRequired: z.boolean(),
    referralRightsPhrases: phrases,
    flaggedPhrases: phrases,
    secondReviewer: z.boolean(),
  }),
  /** optional: webhooks to intake systems; a callback failing this many attempts escalates the case (default 5) */
  notifications: z.looseObject({ escalateAfterAttempts: z.number().int().min(1) }).optional(),
  /** optional: what the customer is told, in their language; without it webhooks carry data only */
  notices: notices.optional(),
  /** optional: why complaints happen; when listed, every final response names one (`rootCause`) */
  rootCauses: z
    .array(z.looseObject({ code: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"'), label: z.string().min(1) }))
    .min(1)
    .refine((causes) => new Set(causes.map((c) => c.code)).size === causes.length, 'each code once')
    .optional(),
  /** optional: the reports' thresholds */
  reports: z
    .looseObject({
      /** the significance level of the fairness tests */
      fairnessAlpha: z.number().gt(0).lt(1),
      /** groups smaller than this are reported as too small to judge */
      minGroupSize: z.number().int().min(2),
      /** a root cause recurring this many times in a category and month is flagged */
      recurringCauseThreshold: z.number().int().min(1),
    })
    .optional(),
  /** optional: the regulator's complaints return: each category's product group */
  returns: z.looseObject({ productGroups: z.record(z.string(), z.string().min(1)) }).optional(),
});

/** A validated policy, as read from a policy file. */
export type Policy = z.infer<typeof policySchema>;
/** The `calendar` section of a policy. */
export type PolicyCalendar = Policy['calendar'];
/** Deadline durations of one severity. */
export type SeverityDeadlines = z.infer<typeof severityDeadlines>;
/** Per-category overrides. */
export type CategoryOverride = z.infer<typeof categoryOverride>;
