/**
 * Rendering a notice: the policy's ICU message for the notice, in the customer's language
 * (notice-language.ts), with its values written for that customer. Dates, times and money
 * are formatted with Intl in the customer's locale and the policy's time zone. Pieces that
 * could scramble a sentence of the other direction (the reference, dates, amounts, names,
 * a reason) are wrapped in Unicode bidi isolates (FSI … PDI) throughout a right-to-left
 * notice, and in a left-to-right one when they hold right-to-left letters; block texts (the
 * question, the response text) stand on their own lines and are left as written.
 * Pure and deterministic: the workflow renders with it, so does intake.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { majorUnits, type Money } from '../compensation/money';
import type { Policy } from '../policy/policy-schema';
import { languageDirection, noticeLanguage, type TextDirection } from './notice-language';
import { PLACEHOLDERS, type LanguageTemplates, type NoticeKind, type Placeholder } from './notice-templates';

/** What the customer is told, as recorded on the event that caused it and sent with its webhook. */
export interface CustomerNotice {
  /** the webhook-id of the notification that carries it */
  noticeId: string;
  kind: NoticeKind;
  language: string;
  requestedLanguage: string | null;
  /** the language tags tried, ending with `language` (e.g. pl-PL, pl) */
  fallback: string[];
  direction: TextDirection;
  subject: string;
  text: string;
  /** the policy version and language of the templates: `<policy version>/<language>` */
  templateVersion: string;
}

export type NoticeValues = Partial<Record<Placeholder, string | number | readonly Money[] | null>>;

export interface NoticeRecipient {
  reference: string;
  customer: { name: string | null; language: string | null };
}

const FSI = '\u2068';
const PDI = '\u2069';
const STRONG_RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

function isolated(value: string, direction: TextDirection): string {
  if (value === '') return value;
  return direction === 'rtl' || STRONG_RTL.test(value) ? `${FSI}${value}${PDI}` : value;
}

/** Compiled messages by locale and source: compiling costs more than formatting. */
const compiled = new Map<string, IntlMessageFormat>();
const COMPILED_MAX = 2_000;

function message(source: string, locale: string): IntlMessageFormat {
  const key = `${locale}\u0000${source}`;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
    if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, format);
  }
  return format;
}

/** Intl's formatters by locale (and time zone or currency): making one costs up to ~35 µs, using it ~3 µs. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();

function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => F): F {
  let made = formatters.get(key) as F | undefined;
  if (!made) {
    made = make();
    if (formatters.size >= COMPILED_MAX) formatters.delete(formatters.keys().next().value!);
    formatters.set(key, made);
  }
  return made;
}

function formatDate(iso: string, locale: string, timeZone: string): string {
  const format = formatter(`date\u0000${locale}\u0000${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }));
  return format.format(new Date(iso));
}

function formatAmounts(amounts: readonly Money[], locale: string, direction: TextDirection): string {
  const written = amounts.map((money) => {
    const format = formatter(`money\u0000${locale}\u0000${money.currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency }));
    // an exact decimal string: Intl formats it without going through floating point
    return isolated(format.format(majorUnits(money) as Intl.StringNumericLiteral), direction);
  });
  return formatter(`list\u0000${locale}`, () => new Intl.ListFormat(locale, { type: 'conjunction' })).format(written);
}

/** The values as the message takes them: every date, amount and token written out for this customer. */
function written(values: NoticeValues, locale: string, timeZone: string, direction: TextDirection): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values) as [Placeholder, NoticeValues[Placeholder]][]) {
    const kind = PLACEHOLDERS[name];
    if (value === null || value === undefined) out[name] = kind === 'number' ? 0 : '';
    else if (kind === 'number') out[name] = Number(value);
    else if (kind === 'money') out[name] = formatAmounts(value as readonly Money[], locale, direction);
    else if (kind === 'date') out[name] = isolated(formatDate(String(value), locale, timeZone), direction);
    else if (kind === 'token' || kind === 'text') out[name] = isolated(String(value), direction);
    else out[name] = String(value);
  }
  return out;
}

interface Rendering {
  templates: LanguageTemplates;
  language: ReturnType<typeof noticeLanguage>;
  direction: TextDirection;
  values: Record<string, string | number>;
}

function prepare(policy: Policy, recipient: NoticeRecipient, values: NoticeValues): Rendering | null {
  const notices = policy.notices;
  if (!notices) return null;
  const language = noticeLanguage(recipient.customer.language, notices.languages, notices.defaultLanguage);
  const templates = notices.templates[language.language] as LanguageTemplates | undefined;
  if (!templates) return null;
  const direction = templates.direction ?? languageDirection(language.language);
  const name = recipient.customer.name?.trim() ? recipient.customer.name : null;
  const all: NoticeValues = { reference: recipient.reference, customerName: name, named: name ? 'yes' : 'no', ...values };
  return { templates, language, direction, values: written(all, language.locale, policy.calendar.timeZone, direction) };
}

/** The message written out; a branch that writes nothing (no compensation) leaves one blank line, not a gap. */
function format(source: string, rendering: Rendering): string {
  const text = String(message(source, rendering.language.locale).format(rendering.values));
  return text.replace(/\n[ \t]*(?:\n[ \t]*)+\n/g, '\n\n').trim();
}

/** The notice of `kind` for this customer, or null when the policy writes no notices. */
export function renderNotice(
  policy: Policy,
  notice: { noticeId: string; kind: NoticeKind; recipient: NoticeRecipient; values: NoticeValues },
): CustomerNotice | null {
  const rendering = prepare(policy, notice.recipient, notice.values);
  if (!rendering) return null;
  const { subject, text } = rendering.templates[notice.kind];
  return {
    noticeId: notice.noticeId,
    kind: notice.kind,
    language: rendering.language.language,
    requestedLanguage: rendering.language.requestedLanguage,
    fallback: rendering.language.fallback,
    direction: rendering.direction,
    subject: format(subject, rendering),
    text: format(text, rendering),
    templateVersion: `${policy.version}/${rendering.language.language}`,
  };
}

/**
 * The policy as one customer's case needs it: the notices in the customer's language only
 * (the one the language chain picks, made the default). A case's workflow carries its policy
 * in its start input and history, and every language's templates would be most of it; the
 * chain gives the same language and tags tried with either policy.
 */
export function policyForCustomer(policy: Policy, requestedLanguage: string | null | undefined): Policy {
  const notices = policy.notices;
  if (!notices) return policy;
  const { language } = noticeLanguage(requestedLanguage, notices.languages, notices.defaultLanguage);
  const templates = notices.templates[language];
  if (!templates) return policy;
  return { ...policy, notices: { ...notices, languages: [language], defaultLanguage: language, templates: { [language]: templates } } };
}

/** The engine's own response text after the last reopen, in the customer's language; null when the policy writes no notices. */
export function renderLastReopenResponse(policy: Policy, recipient: NoticeRecipient): string | null {
  const rendering = prepare(policy, recipient, {});
  return rendering ? format(rendering.templates.lastReopenResponse, rendering) : null;
}
