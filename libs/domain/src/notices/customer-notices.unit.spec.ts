// Customer notices in English, Polish and Hebrew: every template renders with realistic
// data, Polish plurals, Hebrew bidi isolates, the language fallback chain, templates
// refused at start-up, and the final response checked in the customer's language.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { acceptedCase, contextAt, loadPolicy } from '../../../../test/support/complaint-fixtures';
import { foldEvents, type CaseCompensation, type ComplaintState } from '../case/complaint-state';
import type { CustomerDetails } from '../case/complaint-values';
import { parsePolicy } from '../policy/parse-policy';
import { PolicyError } from '../policy/policy-error';
import type { Policy } from '../policy/policy-schema';
import { decideResolution } from '../resolution/resolution-decisions';
import {
  acknowledgmentNotice,
  closureNotice,
  finalResponseNotice,
  informationRequestedNotice,
  promiseChangedNotice,
  satisfactionRequestNotice,
} from './customer-notices';
import { noticeLanguage } from './notice-language';
import { policyForCustomer, type CustomerNotice } from './render-notice';
import type { LanguageTemplates } from './notice-templates';

/** One language's templates as a test edits them (a notice may be deleted). */
type Templates = Partial<LanguageTemplates> & Pick<LanguageTemplates, 'closure' | 'acknowledgment' | 'finalResponse'>;

const FSI = '\u2068';
const PDI = '\u2069';
const at = '2026-11-24T10:00:00.000Z';
const { policy } = loadPolicy('default.yaml');
const policiesDir = path.join(__dirname, '../../../../policies');

function caseOf(customer: Partial<CustomerDetails>, compensation: { minor: number; currency: string }[] = []): ComplaintState {
  const state = foldEvents(acceptedCase(at));
  return {
    ...state,
    customer: { ...state.customer, ...customer },
    compensation: compensation.map(
      (amount, index) => ({ proposalId: `p-${index}`, type: 'refund', amount, status: 'approved' }) as unknown as CaseCompensation,
    ),
  };
}

const customers = {
  en: { name: 'Oliver Bennett', language: 'en-GB' },
  pl: { name: 'Agnieszka Wiśniewska', language: 'pl-PL' },
  he: { name: 'נועה לוי', language: 'he' },
};
const currencies = { en: 'GBP', pl: 'PLN', he: 'ILS' } as const;

/** Every notice of a case, the way the deciders write them. */
function everyNotice(state: ComplaintState, usedPolicy: Policy = policy): CustomerNotice[] {
  const all = [
    acknowledgmentNotice(usedPolicy, state, 'n-ack', { acknowledgedAt: at, receivedAt: at, deadlines: state.deadlines! }),
    promiseChangedNotice(state, usedPolicy, 'n-promise', { kind: 'resolution', dueBy: '2026-12-08T10:00:00.000Z', previousDueBy: '2026-12-01T10:00:00.000Z', reason: 'czekamy na raport kuriera' }),
    promiseChangedNotice(state, usedPolicy, 'n-callback', { kind: 'callback', dueBy: '2026-11-24T15:00:00.000Z', previousDueBy: null, reason: 'oddzwonimy' }),
    informationRequestedNotice(state, usedPolicy, 'n-question', 'Please send a photo of the label.'),
    finalResponseNotice(state, usedPolicy, 'n-final', { outcome: 'partially_upheld', responseText: 'We refunded the delivery fee.' }),
    satisfactionRequestNotice(state, usedPolicy, 'n-satisfaction', { askedAt: at, answerBy: '2026-12-14T10:00:00.000Z' }),
    closureNotice(state, usedPolicy, 'n-closed', { closure: 'merged', mergedInto: 'CR-2026-000007' }),
  ];
  return all.map((notice) => {
    if (!notice) throw new Error('the shipped policy writes notices');
    return notice;
  });
}

describe('customer notices', () => {
  describe.each(Object.keys(customers) as (keyof typeof customers)[])('in %s', (language) => {
    const state = caseOf(customers[language], [{ minor: 123_450, currency: currencies[language] }]);
    const notices = everyNotice(state);

    it('renders every notice, in the language, with every placeholder filled and the correspondence checks passed', () => {
      for (const notice of notices) {
        expect(notice).toMatchObject({ language, templateVersion: `default-2026-12-2/${language}`, direction: language === 'he' ? 'rtl' : 'ltr' });
        expect(notice.subject).toContain('CR-2026-000001');
        expect(notice.text).toContain(customers[language].name);
        expect(notice.text).not.toMatch(/[{}]/);
        expect(notice.text).not.toMatch(/\n{3}/);
      }
    });

    it('writes the approved compensation as money of the customer’s locale', () => {
      const letter = notices.find((n) => n.kind === 'finalResponse')!;
      // as CLDR writes them: no-break spaces, and right-to-left marks around the Hebrew amount
      const expected = { en: '£1,234.50', pl: '1234,50\u00a0zł', he: '\u200f1,234.50\u00a0\u200f₪' }[language];
      expect(letter.text).toContain(expected);
      expect(letter.text).toContain('We refunded the delivery fee.');
    });
  });

  it('leaves no gap where a branch writes nothing (a letter without compensation)', () => {
    const letter = finalResponseNotice(caseOf(customers.en), policy, 'n', { outcome: 'rejected', responseText: 'We checked the parcel.' })!;
    expect(letter.text).toBe(
      'Dear Oliver Bennett,\n\nWe have not upheld your complaint CR-2026-000001.\n\nWe checked the parcel.\n\n' +
        'If you are not satisfied with this response, you have the right to refer your complaint to the Financial Ombudsman Service within six months of the date of this letter.',
    );
  });

  it('writes Polish plurals with their one, few and many forms (1, 2, 5, 22 compensation payments)', () => {
    const counted = [1, 2, 5, 22].map((count) => {
      const amounts = Array.from({ length: count }, () => ({ minor: 1_000, currency: 'PLN' }));
      const letter = finalResponseNotice(caseOf(customers.pl, amounts), policy, 'n', { outcome: 'upheld', responseText: 'Zwróciliśmy opłatę.' })!;
      return /Przyznaliśmy (\d+ \S+):/.exec(letter.text)?.[1];
    });
    expect(counted).toEqual(['1 rekompensatę', '2 rekompensaty', '5 rekompensat', '22 rekompensaty']);
  });

  it('writes Hebrew days with their one, two and other forms', () => {
    const days = [1, 2, 5].map((count) => {
      const answerBy = new Date(Date.parse(at) + count * 86_400_000).toISOString();
      const notice = satisfactionRequestNotice(caseOf(customers.he), policy, 'n', { askedAt: at, answerBy })!;
      return /\(([^)]*)\)/.exec(notice.text)?.[1];
    });
    expect(days).toEqual(['יום אחד', 'יומיים', '5 ימים']);
  });

  it('isolates the reference, the amount and the dates of a Hebrew notice so they do not scramble the sentence', () => {
    const state = caseOf(customers.he, [{ minor: 4_500, currency: 'ILS' }]);
    const letter = finalResponseNotice(state, policy, 'n', { outcome: 'upheld', responseText: 'החזרנו את דמי המשלוח.' })!;
    expect(letter.direction).toBe('rtl');
    expect(letter.text).toContain(`תלונתך ${FSI}CR-2026-000001${PDI} נמצאה מוצדקת.`);
    expect(letter.text).toContain(`אישרנו פיצוי בסך ${FSI}\u200f45.00\u00a0\u200f₪${PDI}.`);
    expect(letter.text).toContain(`שלום ${FSI}נועה לוי${PDI},`);
    // the response text stands on its own lines, as written
    expect(letter.text).toContain('\nהחזרנו את דמי המשלוח.\n');
    const ack = acknowledgmentNotice(policy, state, 'n', { acknowledgedAt: at, receivedAt: at, deadlines: state.deadlines! })!;
    expect(ack.text).toContain(`עד ${FSI}1 בדצמבר 2026 בשעה 10:00${PDI}`);
  });

  it('isolates a right-to-left name in a left-to-right notice, and nothing else there', () => {
    const notice = informationRequestedNotice(caseOf({ name: 'נועה לוי', language: 'en' }), policy, 'n', 'Which parcel?')!;
    expect(notice.text.startsWith(`Dear ${FSI}נועה לוי${PDI},`)).toBe(true);
    expect(notice.text).toContain('your complaint CR-2026-000001 we need');
  });

  it('writes dates in the policy’s time zone (London, summer time) and the customer’s locale', () => {
    const state = caseOf(customers.pl);
    const notice = promiseChangedNotice(state, policy, 'n', { kind: 'resolution', dueBy: '2026-07-01T09:30:00.000Z', previousDueBy: null, reason: 'urlop' })!;
    expect(notice.text).toContain('rozpatrzymy do 1 lipca 2026 10:30.');
  });

  it('greets a customer who gave no name without a blank', () => {
    const notice = informationRequestedNotice(caseOf({ name: null, language: 'pl' }), policy, 'n', 'Numer zamówienia?')!;
    expect(notice.text.startsWith('Dzień dobry.\n')).toBe(true);
  });

  describe('the language chain', () => {
    const languages = ['en', 'pl', 'he'];
    it.each([
      ['pl-PL', 'pl', ['pl-PL', 'pl'], 'pl-PL'],
      ['pl', 'pl', ['pl'], 'pl'],
      ['iw', 'he', ['he'], 'he'],
      ['zh-Hant-TW', 'en', ['zh-Hant-TW', 'zh-Hant', 'zh', 'en'], 'en'],
      ['de-AT', 'en', ['de-AT', 'de', 'en'], 'en'],
      ['not a tag', 'en', ['en'], 'en'],
      [null, 'en', ['en'], 'en'],
    ])('%s is written to in %s, trying %j, formatting in %s', (requested, language, fallback, locale) => {
      expect(noticeLanguage(requested, languages, 'en')).toEqual({ language, requestedLanguage: requested, fallback, locale });
    });

    it('records the chain on the notice', () => {
      const notice = informationRequestedNotice(caseOf({ language: 'pl-PL' }), policy, 'n', 'Numer zamówienia?')!;
      expect(notice).toMatchObject({ language: 'pl', requestedLanguage: 'pl-PL', fallback: ['pl-PL', 'pl'] });
    });
  });

  it.each(['pl-PL', 'he', 'de-AT', null])('writes the same notices for a %s customer with the policy narrowed to their language (what a workflow carries)', (language) => {
    const state = caseOf({ language }, [{ minor: 990, currency: 'EUR' }]);
    const narrowed = policyForCustomer(policy, language);
    expect(Object.keys(narrowed.notices!.templates)).toHaveLength(1);
    expect(everyNotice(state, narrowed)).toEqual(everyNotice(state));
  });

  describe('templates refused at start-up', () => {
    const defaultText = readFileSync(path.join(policiesDir, 'default.yaml'), 'utf8');
    const shippedTemplates = (language: string): Record<string, unknown> =>
      parseYaml(readFileSync(path.join(policiesDir, 'notices', `${language}.yaml`), 'utf8')) as Record<string, unknown>;

    /** The default policy with the Hebrew templates changed. */
    function withHebrew(change: (templates: Templates) => void): () => Policy {
      const hebrew = shippedTemplates('he') as Templates;
      change(hebrew);
      return () =>
        parsePolicy(defaultText, 'default.yaml', {
          readTemplates: (_folder, language) => (language === 'he' ? JSON.stringify(hebrew) : readFileSync(path.join(policiesDir, 'notices', `${language}.yaml`), 'utf8')),
        });
    }

    function issues(load: () => Policy): readonly { path: string; message: string }[] {
      try {
        load();
      } catch (error) {
        if (error instanceof PolicyError) return error.issues;
        throw error;
      }
      throw new Error('expected the policy to be refused');
    }

    it.each([
      ['a message that does not compile', (t: Templates) => (t.closure.text = '{closure, select, confirmed {done}'), 'notices.templates.he.closure.text', /not a valid ICU message/],
      ['an unknown placeholder', (t: Templates) => (t.acknowledgment.subject = 'קיבלנו {ticket}'), 'notices.templates.he.acknowledgment.subject', /unknown placeholder \{ticket\}/],
      ['a choice used as text', (t: Templates) => (t.closure.text = 'נסגר: {closure}'), 'notices.templates.he.closure.text', /closure must be used as \{closure, select/],
      ['a missing notice', (t: Templates) => delete t.informationRequested, 'notices.templates.he.informationRequested', /required/],
      ['a flagged phrase', (t: Templates) => (t.closure.text = 'זו המדיניות שלנו. {reference}'), 'notices.templates.he.closure.text', /flagged stock phrase/],
      ['a left-over placeholder', (t: Templates) => (t.closure.text = 'שלום [שם הלקוח], {reference}'), 'notices.templates.he.closure.text', /unfilled template placeholder/],
      [
        'a letter and a last response without the referral rights',
        (t: Templates) => {
          t.finalResponse.text = t.finalResponse.text.replace(/\n\s*אם אינך שבע רצון[^\n]*\n?/, '\n');
          t.lastReopenResponse = 'זוהי תשובתנו הסופית.';
        },
        'notices.templates.he.lastReopenResponse',
        /take the complaint further/,
      ],
    ])('%s', (_name, change, field, message) => {
      const found = issues(withHebrew(change));
      expect(found).toEqual(expect.arrayContaining([expect.objectContaining({ path: field, message: expect.stringMatching(message) })]));
    });

    it('a language without templates, or without its referral-rights phrases', () => {
      const text = defaultText.replace('languages: [en, pl, he]', 'languages: [en, pl, he, ar]');
      const found = issues(() =>
        parsePolicy(text, 'default.yaml', {
          readTemplates: (_folder, language) => {
            if (language === 'ar') throw new Error('ENOENT: no such file');
            return readFileSync(path.join(policiesDir, 'notices', `${language}.yaml`), 'utf8');
          },
        }),
      );
      expect(found).toEqual([{ path: 'notices.templates.ar', message: expect.stringContaining('cannot read notices/ar.yaml: ENOENT') }]);
    });

    it('a default language that is not one of the languages', () => {
      const text = defaultText.replace('defaultLanguage: en', 'defaultLanguage: fr');
      const found = issues(() => parsePolicy(text, 'default.yaml', { readTemplates: (_f, l) => readFileSync(path.join(policiesDir, 'notices', `${l}.yaml`), 'utf8') }));
      expect(found).toEqual([expect.objectContaining({ path: 'notices.defaultLanguage' })]);
    });

    it('a folder of templates nobody read', () => {
      expect(issues(() => parsePolicy(defaultText, 'default.yaml'))).toEqual([
        expect.objectContaining({ path: 'notices.templates', message: expect.stringContaining('names a folder') }),
      ]);
    });
  });

  describe('the final response, checked in the customer’s language', () => {
    /** The default policy whose Hebrew letter leaves the referral rights to the response text. */
    const hebrewLetterWithoutRights: Policy = (() => {
      const hebrew = parseYaml(readFileSync(path.join(policiesDir, 'notices', 'he.yaml'), 'utf8')) as NonNullable<Policy['notices']>['templates'][string];
      hebrew.finalResponse.text = hebrew.finalResponse.text.replace(/\n\s*אם אינך שבע רצון[^\n]*\n?/, '\n');
      return { ...policy, version: 'he-rights-in-text', notices: { ...policy.notices!, templates: { ...policy.notices!.templates, he: hebrew } } };
    })();
    const hebrewCase = acceptedCase(at);
    const context = { ...contextAt(at, { principal: 'alice', role: 'agent' }), policy: hebrewLetterWithoutRights };

    it('refuses a Hebrew response without the Hebrew referral-rights phrase, even with the English one', () => {
      const [event] = decideResolution(foldEvents(hebrewCase), { outcome: 'rejected', summary: 's', responseText: 'בדקנו את המשלוח. You may refer your complaint to the ombudsman.' }, context);
      expect(event).toMatchObject({ type: 'CorrespondenceRejected', data: { problems: [expect.objectContaining({ code: 'missing-referral-rights', message: expect.stringContaining('נציב תלונות הציבור') })] } });
    });

    it('issues it with the Hebrew phrase, recording the letter and the satisfaction request the customer gets', () => {
      const events = decideResolution(foldEvents(hebrewCase), { outcome: 'rejected', summary: 's', responseText: 'בדקנו את המשלוח. באפשרותך לפנות לנציב תלונות הציבור.' }, context);
      expect(events[0]).toMatchObject({
        type: 'ResolutionIssued',
        data: {
          notices: [
            { kind: 'finalResponse', language: 'he', noticeId: events[0].id, text: expect.stringContaining('לנציב תלונות הציבור') },
            { kind: 'satisfactionRequest', language: 'he', noticeId: `${events[0].id}.satisfaction` },
          ],
        },
      });
    });
  });
});
