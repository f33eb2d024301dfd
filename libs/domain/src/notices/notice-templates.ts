/**
 * The notices the engine writes to the customer, and what each one's ICU messages may say.
 * A policy's templates give, per language, a subject and a text for every notice, and the
 * words of the engine's own final response after the last reopen. Each placeholder has a
 * kind that says how it may be used in a message and how its value is written:
 * - `token` (the reference, a name) and `text` (a reason): plain `{name}`, isolated when bidi needs it;
 * - `block` (the question, the response text): plain `{name}`, on its own lines, never isolated;
 * - `date`: plain `{name}`, written with Intl in the customer's locale and the policy's time zone;
 * - `money`: plain `{name}`, the amounts written with Intl in the customer's locale, as a list;
 * - `number`: `{name}`, `{name, number}` or `{name, plural, …}` (Polish one/few/many…);
 * - `choice`: only `{name, select, …}`, its values listed below.
 */

export const NOTICE_KINDS = [
  'acknowledgment',
  'promiseChanged',
  'informationRequested',
  'finalResponse',
  'satisfactionRequest',
  'closure',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The message that is not a notice of its own: the engine's response text after the last reopen. */
export const LAST_REOPEN_RESPONSE = 'lastReopenResponse';

export type PlaceholderKind = 'token' | 'text' | 'block' | 'date' | 'money' | 'number' | 'choice';

export const PLACEHOLDERS = {
  reference: 'token',
  customerName: 'token',
  /** "yes" when the customer gave a name, else "no" */
  named: 'choice',
  receivedAt: 'date',
  promisedResolutionBy: 'date',
  finalResponseBy: 'date',
  /** whole calendar days from the notice to the date it announces (rounded up) */
  days: 'number',
  /** "resolution" or "callback" */
  promise: 'choice',
  /** "revised" (an earlier date is replaced) or "new" */
  change: 'choice',
  dueBy: 'date',
  previousDueBy: 'date',
  reason: 'text',
  question: 'block',
  /** "upheld", "partially_upheld" or "rejected" */
  outcome: 'choice',
  responseText: 'block',
  compensation: 'money',
  compensationCount: 'number',
  answerBy: 'date',
  /** "confirmed", "unconfirmed", "withdrawn" or "merged" */
  closure: 'choice',
  mergedInto: 'token',
} as const satisfies Record<string, PlaceholderKind>;
export type Placeholder = keyof typeof PLACEHOLDERS;

const COMMON = ['reference', 'customerName', 'named'] as const;

/** The placeholders each message may use. */
export const NOTICE_PLACEHOLDERS: Record<NoticeKind | typeof LAST_REOPEN_RESPONSE, readonly Placeholder[]> = {
  acknowledgment: [...COMMON, 'receivedAt', 'promisedResolutionBy', 'finalResponseBy', 'days'],
  promiseChanged: [...COMMON, 'promise', 'change', 'dueBy', 'previousDueBy', 'reason'],
  informationRequested: [...COMMON, 'question'],
  finalResponse: [...COMMON, 'outcome', 'responseText', 'compensation', 'compensationCount'],
  satisfactionRequest: [...COMMON, 'answerBy', 'days'],
  closure: [...COMMON, 'closure', 'mergedInto'],
  lastReopenResponse: COMMON,
};

export interface NoticeMessage {
  subject: string;
  text: string;
}

/** One language's templates, as the policy holds them. */
export type LanguageTemplates = { [K in NoticeKind]: NoticeMessage } & {
  direction?: 'ltr' | 'rtl';
  lastReopenResponse: string;
};
