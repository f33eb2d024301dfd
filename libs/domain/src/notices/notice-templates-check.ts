/**
 * The start-up check of a policy's notice templates, so that no customer ever gets a
 * broken notice: every language the policy lists has every notice; each message compiles
 * as ICU MessageFormat; every placeholder is known to its notice and used as its kind
 * allows (notice-templates.ts); the referral-rights and flagged phrases are given for each
 * language that needs them; and each notice, rendered with realistic values, passes the
 * correspondence checks of its language. Templates that could never pass are refused here;
 * a final-response letter may leave the referral rights to the response text it frames,
 * but the engine's own last response, framed in that letter, must state them.
 */
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { checkCorrespondence } from '../correspondence/correspondence-check';
import { phrasesFor } from '../correspondence/correspondence-phrases';
import type { Policy } from '../policy/policy-schema';
import { canonicalLanguageTag } from './notice-language';
import { renderLastReopenResponse, renderNotice, type NoticeValues } from './render-notice';
import { LAST_REOPEN_RESPONSE, NOTICE_KINDS, NOTICE_PLACEHOLDERS, PLACEHOLDERS, type NoticeKind, type Placeholder } from './notice-templates';

export interface TemplateIssue {
  path: (string | number)[];
  message: string;
}

/** How each placeholder is used in a message: its name and the element it appears in. */
function usages(elements: readonly MessageFormatElement[], out: { name: string; type: TYPE }[] = []): { name: string; type: TYPE }[] {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        out.push({ name: element.value, type: element.type });
        break;
      case TYPE.select:
      case TYPE.plural:
        out.push({ name: element.value, type: element.type });
        for (const option of Object.values(element.options)) usages(option.value, out);
        break;
      case TYPE.tag:
        usages(element.children, out);
        break;
      default:
        break;
    }
  }
  return out;
}

const ALLOWED_USES: Record<(typeof PLACEHOLDERS)[Placeholder], TYPE[]> = {
  token: [TYPE.argument],
  text: [TYPE.argument],
  block: [TYPE.argument],
  date: [TYPE.argument],
  money: [TYPE.argument],
  number: [TYPE.argument, TYPE.number, TYPE.plural],
  choice: [TYPE.select],
};

function useDescription(kind: (typeof PLACEHOLDERS)[Placeholder], name: string): string {
  switch (kind) {
    case 'number':
      return `{${name}}, {${name}, number} or {${name}, plural, ...}`;
    case 'choice':
      return `{${name}, select, ...}`;
    case 'date':
      return `{${name}} (it is written as a date in the customer's locale)`;
    default:
      return `{${name}}`;
  }
}

/** Problems of one ICU message: it does not compile, or uses a placeholder its notice does not know, or in a way its kind does not allow. */
export function messageProblems(source: unknown, known: readonly Placeholder[]): string[] {
  if (typeof source !== 'string' || source.trim() === '') return ['expected a message (a non-empty string)'];
  let ast: MessageFormatElement[];
  try {
    ast = parse(source, { ignoreTag: true, requiresOtherClause: true });
  } catch (error) {
    return [`not a valid ICU message: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  for (const { name, type } of usages(ast)) {
    if (!(known as readonly string[]).includes(name)) {
      problems.push(`unknown placeholder {${name}}: this message may use ${known.map((p) => `{${p}}`).join(', ')}`);
      continue;
    }
    const kind = PLACEHOLDERS[name as Placeholder];
    if (!ALLOWED_USES[kind].includes(type)) problems.push(`placeholder ${name} must be used as ${useDescription(kind, name)}`);
  }
  return [...new Set(problems)];
}

const SAMPLE_AT = '2026-03-02T10:30:00.000Z';
const SAMPLE_LATER = '2026-03-09T16:00:00.000Z';

/** Realistic values for a trial rendering of each notice. */
const SAMPLES: Record<NoticeKind, NoticeValues> = {
  acknowledgment: { receivedAt: SAMPLE_AT, promisedResolutionBy: SAMPLE_LATER, finalResponseBy: '2026-04-27T10:30:00.000Z', days: 7 },
  promiseChanged: { promise: 'resolution', change: 'revised', dueBy: SAMPLE_LATER, previousDueBy: SAMPLE_AT, reason: 'waiting for the courier report' },
  informationRequested: { question: 'Please send the order number.' },
  finalResponse: { outcome: 'partially_upheld', responseText: 'We refunded the delivery fee.', compensation: [{ minor: 2500, currency: 'GBP' }], compensationCount: 1 },
  satisfactionRequest: { answerBy: SAMPLE_LATER, days: 14 },
  closure: { closure: 'merged', mergedInto: 'CR-2026-000001' },
};

function trialProblems(policy: Policy, language: string): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const recipient = { reference: 'CR-2026-000002', customer: { name: 'Ada Sample', language } };
  for (const kind of NOTICE_KINDS) {
    const notice = renderNotice(policy, { noticeId: 'trial', kind, recipient, values: SAMPLES[kind] });
    if (!notice) continue;
    for (const [field, text] of [['subject', notice.subject], ['text', notice.text]] as const) {
      const check = checkCorrespondence(text, policy.correspondence, 'letter', language);
      for (const problem of check.problems) {
        issues.push({ path: ['notices', 'templates', language, kind, field], message: `fails the correspondence checks: ${problem.message}` });
      }
    }
  }
  const last = renderLastReopenResponse(policy, recipient);
  if (last !== null) {
    const letter = renderNotice(policy, {
      noticeId: 'trial',
      kind: 'finalResponse',
      recipient,
      values: { ...SAMPLES.finalResponse, responseText: last },
    });
    const check = checkCorrespondence(letter?.text ?? last, policy.correspondence, 'final-response', language);
    for (const problem of check.problems) {
      issues.push({ path: ['notices', 'templates', language, LAST_REOPEN_RESPONSE], message: `the engine's last final response fails the correspondence checks: ${problem.message}` });
    }
  }
  return issues;
}

/** Every problem of the policy's notices; none when the policy writes no notices. */
export function noticeTemplateIssues(policy: Policy): TemplateIssue[] {
  const notices = policy.notices;
  if (!notices) return [];
  const issues: TemplateIssue[] = [];
  notices.languages.forEach((language, index) => {
    if (canonicalLanguageTag(language) === null) issues.push({ path: ['notices', 'languages', index], message: `not a BCP 47 language tag: ${language}` });
  });
  if (new Set(notices.languages.map((l) => l.toLowerCase())).size !== notices.languages.length) {
    issues.push({ path: ['notices', 'languages'], message: 'lists a language twice' });
  }
  if (!notices.languages.includes(notices.defaultLanguage)) {
    issues.push({ path: ['notices', 'defaultLanguage'], message: `must be one of the notice languages (${notices.languages.join(', ')})` });
  }
  const rules = policy.correspondence;
  for (const language of notices.languages) {
    const templates = notices.templates[language];
    if (!templates) {
      issues.push({ path: ['notices', 'templates', language], message: `no templates for ${language}, one of the notice languages` });
      continue;
    }
    for (const kind of NOTICE_KINDS) {
      for (const field of ['subject', 'text'] as const) {
        for (const message of messageProblems(templates[kind]?.[field], NOTICE_PLACEHOLDERS[kind])) {
          issues.push({ path: ['notices', 'templates', language, kind, field], message });
        }
      }
    }
    for (const message of messageProblems(templates.lastReopenResponse, NOTICE_PLACEHOLDERS.lastReopenResponse)) {
      issues.push({ path: ['notices', 'templates', language, LAST_REOPEN_RESPONSE], message });
    }
    if (rules.referralRightsRequired && phrasesFor(rules.referralRightsPhrases, language).length === 0) {
      issues.push({ path: ['correspondence', 'referralRightsPhrases'], message: `no referral-rights phrases for ${language}, one of the notice languages` });
    }
  }
  // a trial rendering only of templates that compile
  if (issues.length > 0) return issues;
  return notices.languages.flatMap((language) => trialProblems(policy, language));
}
