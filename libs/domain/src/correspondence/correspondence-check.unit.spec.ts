// Correspondence checks on final responses and letters, in English, Hebrew and Polish.
import fc from 'fast-check';
import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import { checkCorrespondence, type CorrespondenceCheck, type CorrespondenceKind, type CorrespondenceRules } from './correspondence-check';

/** The shipped rules with one list of phrases for every language (the contract's first form; per-language lists are tested below). */
const rules: CorrespondenceRules = {
  ...loadPolicy('default.yaml').policy.correspondence,
  referralRightsPhrases: ['ombudsman', 'refer your complaint'],
  flaggedPhrases: ['that is our policy', 'nothing we can do', 'I am transferring you'],
};
const flagged = rules.flaggedPhrases as string[];
const withRules = (changes: Partial<CorrespondenceRules>): CorrespondenceRules => ({ ...rules, ...changes });

/** Given the policy's correspondence rules, when a text is checked, then it passes or is refused with these reasons. */
function given(policyRules: CorrespondenceRules) {
  return {
    when(text: string, kind: CorrespondenceKind = 'final-response') {
      const result: CorrespondenceCheck = checkCorrespondence(text, policyRules, kind);
      return {
        result,
        thenPasses() {
          expect(result.problems).toEqual([]);
          expect(result.passed).toBe(true);
        },
        thenRefuses(expected: { code: string; excerpt?: string }[]) {
          expect(result.passed).toBe(false);
          expect(result.problems.map(({ code, excerpt }) => (excerpt === undefined ? { code } : { code, excerpt }))).toEqual(expected);
          for (const problem of result.problems) {
            expect(problem.path).toBe('responseText');
            expect(problem.message.length).toBeGreaterThan(10);
          }
        },
      };
    },
  };
}

const english = `Dear Ms Levi,

Thank you for your patience while we looked into the parcel that did not arrive. We are sorry: the courier
marked it as delivered without a signature, and we should have checked sooner. We have upheld your complaint
and refunded GBP 45.00 to your card today (see below for the timing); it should reach you within 3–5 working days [1].

If you are not satisfied with this final response, you can refer your complaint to the Financial Ombudsman
Service within six months of the date of this letter, free of charge. Their details are on the enclosed leaflet.

Your reference: CR-2026-000001 [sic: please quote it]
Yours sincerely,
Alice Brown, Customer Care 🙂`;

const hebrew = `שלום נועה,

תודה על הסבלנות בזמן שבדקנו את המשלוח שלא הגיע. אנו מתנצלים: חברת השליחויות סימנה את החבילה כנמסרה ללא חתימה,
והיינו צריכים לבדוק זאת מוקדם יותר. החלטנו לקבל את תלונתך והחזרנו לכרטיס האשראי שלך ‏150.00 ₪ היום 🙏.

אם אינך מרוצה מתשובה סופית זו, באפשרותך לפנות אל \u200Fנציב\u00A0תלונות
הציבור בתוך שישה חודשים, ללא תשלום.

מספר פנייה: CR-2026-000001
בברכה,
צוות שירות הלקוחות`;

const polish = `Szanowna Pani,

dziękujemy za cierpliwość. Sprawdziliśmy przesyłkę, która nie dotarła: kurier oznaczył ją jako doręczoną bez podpisu.
Przepraszamy – powinniśmy byli zareagować wcześniej. Uznaliśmy reklamację i zwróciliśmy 180,00 zł na Pani konto;
środki zostaną zaksięgowane w ciągu 3–5 dni roboczych.

Jeżeli nie jest Pani zadowolona z tej ostatecznej odpowiedzi, może Pani zwrócić się do Rzecznika Finansowego
(ombudsman) albo do sądu polubownego. «Bardzo dziękujemy» za zgłoszenie – to pomaga nam poprawiać obsługę.

Z poważaniem,
Dział Obsługi Klienta`;

describe('correspondence checks', () => {
  describe('clean final responses pass', () => {
    it('in English, with the referral rights phrase in another case', () => {
      given(rules).when(english).thenPasses();
    });

    it('in Hebrew when the phrase list includes the Hebrew referral phrase, across RTL marks, a no-break space and a line break', () => {
      given(withRules({ referralRightsPhrases: ['ombudsman', 'נציב תלונות הציבור'] })).when(hebrew).thenPasses();
    });

    it('in Hebrew containing "ombudsman" with the default phrase list', () => {
      given(rules).when(hebrew.replace('נציב', 'נציב (Ombudsman)')).thenPasses();
    });

    it('in Polish, matching an inflected form of the phrase ("rzecznik" in "Rzecznika")', () => {
      given(withRules({ referralRightsPhrases: ['rzecznik'] })).when(polish).thenPasses();
      given(rules).when(polish).thenPasses();
    });

    it('as a letter, which need not state referral rights', () => {
      given(rules).when('Dear Mr Nowak, we have received your complaint and will reply by 1 December 2026.', 'letter').thenPasses();
    });
  });

  describe('refusals report every reason', () => {
    it('refuses a template with {{name}} and [CUSTOMER NAME] and no referral rights', () => {
      given(rules)
        .when('Dear {{name}},\n\nwe are sorry, [CUSTOMER NAME]. Unfortunately there is nothing we can do about the delay.')
        .thenRefuses([
          { code: 'unfilled-placeholder', excerpt: '{{name}}' },
          { code: 'unfilled-placeholder', excerpt: '[CUSTOMER NAME]' },
          { code: 'missing-referral-rights' },
          { code: 'flagged-phrase', excerpt: 'nothing we can do' },
        ]);
    });

    it('refuses a Hebrew response with no referral rights when the Hebrew phrase is not on the list', () => {
      given(rules).when(hebrew).thenRefuses([{ code: 'missing-referral-rights' }]);
    });

    it('names every placeholder once, with its count, in order of appearance', () => {
      const { result } = given(rules).when(
        'Dear <customer name>, we refund ${amount} on [insert date]. TODO: check. <customer name>, sorry. Ombudsman: XXX. %s',
      );
      expect(result.problems.map((p) => p.excerpt)).toEqual(['<customer name>', '${amount}', '[insert date]', 'TODO', 'XXX', '%s']);
      expect(result.problems[0].message).toBe('unfilled template placeholder "<customer name>" (2 times): fill it in or remove it');
    });

    it('finds flagged phrases case-insensitively in English and Polish, across line breaks and decomposed letters', () => {
      const polishRules = withRules({ flaggedPhrases: [...flagged, 'taka jest nasza polityka', 'nic nie możemy zrobić'] });
      given(polishRules)
        .when(`${polish}\nNiestety, TAKA JEST NASZA POLITYKA zwrotów i ${'NIC NIE MOŻEMY ZROBIĆ'.normalize('NFD')}.`)
        .thenRefuses([
          { code: 'flagged-phrase', excerpt: 'TAKA JEST NASZA POLITYKA' },
          { code: 'flagged-phrase', excerpt: 'NIC NIE MOŻEMY ZROBIĆ' },
        ]);
      given(rules)
        .when(`${english}\nI'm afraid That Is Our\n   Policy, and I am  transferring you to billing.`)
        .thenRefuses([
          { code: 'flagged-phrase', excerpt: 'That Is Our\n   Policy' },
          { code: 'flagged-phrase', excerpt: 'I am  transferring you' },
        ]);
    });

    it('lists the first 50 distinct placeholders and counts the rest in one more problem', () => {
      const text = `${Array.from({ length: 60 }, (_, i) => `{{field${i}}}`).join(' ')} ombudsman`;
      const { result } = given(rules).when(text);
      expect(result.problems).toHaveLength(51);
      expect(result.problems[49].excerpt).toBe('{{field49}}');
      expect(result.problems[50]).toEqual({ code: 'unfilled-placeholder', path: 'responseText', message: 'and 10 more distinct unfilled template placeholders' });
    });

    it('refuses an empty response with its reasons', () => {
      given(rules).when(' \n\u200F\t').thenRefuses([{ code: 'empty' }, { code: 'missing-referral-rights' }]);
      given(rules).when('', 'letter').thenRefuses([{ code: 'empty' }]);
    });

    it('fails closed when referral rights are required but the policy lists no phrase', () => {
      const { result } = given(withRules({ referralRightsPhrases: [' '] })).when(english);
      expect(result.problems).toEqual([expect.objectContaining({ code: 'missing-referral-rights', message: expect.stringMatching(/lists no referral-rights phrases/) })]);
    });

    it('does not require referral rights when the policy does not', () => {
      given(withRules({ referralRightsRequired: false })).when('Dear Ms Levi, we have refunded your order.').thenPasses();
    });
  });

  describe('placeholder rules', () => {
    const placeholders = [
      '{{name}}', '{{ customer.first_name }}', '{{}}', '{name}', '{ imię }', '{0}', '${amount}', '%s', '%d', '%1$s', '%(name)s',
      '[NAME]', '[CUSTOMER NAME]', '[Name]', '[insert refund amount]', '[Insert date]', '[customer_name]', '[TBD]', '[date]',
      '[imię i nazwisko]', '[WSTAW KWOTĘ]', '[kwota]', '[שם הלקוח]', '[תאריך]', '[הכנס סכום]', '[insert: amount]', '［NAME］',
      '<customer name>', '<NAME>', '<<date>>', '<שם הלקוח>', '<imię klienta>', '<date>', '«FirstName»', '«CUSTOMER_NAME»',
      'XXX', 'XXXX', 'TBD', 'TBC', 'TODO', 'FIXME', '____',
    ];
    it.each(placeholders)('flags %s', (token) => {
      const { result } = given(rules).when(`Szanowny Panie ${token}, przepraszamy. Ombudsman.`);
      expect(result.passed).toBe(false);
      expect(result.problems).toEqual([
        { code: 'unfilled-placeholder', path: 'responseText', message: `unfilled template placeholder "${token}": fill it in or remove it`, excerpt: token },
      ]);
    });

    it.each([
      ['£XXX.XX', 'XXX'],
      ['Dear {{name,', '{{'],
    ])('flags the token inside %s', (text, token) => {
      expect(given(rules).when(`${text} Ombudsman`).result.problems.map((p) => p.excerpt)).toEqual([token]);
    });

    const ordinary = [
      '(see below)', '(NAME)', '(FCA)', '[1]', '[12]', '[sic]', '[see below]', '[...]', '[…]', '[CR-2026-000001]', '[date: 24.11.2026]',
      '[Name: Jan Kowalski]', '[additional]', '<br>', '<br/>', '<p>Thank you</p>', '<b>sorry</b>', '<a href="https://example.com">link</a>',
      '<span class="x">x</span>', '<!-- note -->', '<jan@example.com>', '<https://example.com/complaints>', 'a < b and c > d',
      'size XXXL', 'card XXXX-XXXX-1234', 'card XXXX1234', 'todo el equipo', 'Todo bien', '50% discount', '100%', '%',
      '«Bardzo dziękujemy»', '„dziękujemy”', '{ }', 'C++', '$50', '🙏🏽👨‍👩‍👧', 'ש״ח', 'ע"מ', 'foo_bar', '__', 'WiFi', 'OK',
    ];
    it.each(ordinary)('does not flag %s', (text) => {
      given(rules).when(`Dear Ms Levi, ${text}. You may refer your complaint to the ombudsman.`).thenPasses();
    });
  });

  describe('properties', () => {
    const cleanWord = fc.constantFrom('Dear', 'sorry', 'parcel', 'שלום', 'תודה', 'החבילה', 'dziękujemy', 'przesyłka', 'ŻÓŁW', '🙂', '(see', 'below)', '[1]', '45.00', '—', '\n');
    const tokens = fc.uniqueArray(fc.constantFrom('{{name}}', '[CUSTOMER NAME]', '<customer name>', '${x}', '%s', 'TBD', 'TODO', 'XXX', '[שם הלקוח]', '[imię]'), {
      minLength: 1,
      maxLength: 5,
    });

    it('reports every placeholder in the text, and nothing else in otherwise clean text', () => {
      fc.assert(
        fc.property(fc.array(cleanWord, { maxLength: 20 }), tokens, (words, inserted) => {
          const parts: string[] = [...words];
          inserted.forEach((token, index) => parts.splice(Math.min(parts.length, index * 3), 0, token));
          const result = checkCorrespondence(`${parts.join(' ')} ombudsman`, rules, 'final-response');
          expect(result.problems.every((p) => p.code === 'unfilled-placeholder')).toBe(true);
          expect(result.problems.map((p) => p.excerpt).sort()).toEqual([...inserted].sort());
          expect(result.passed).toBe(false);
        }),
      );
    });

    it('passes clean text regardless of Unicode normalization form and whitespace', () => {
      fc.assert(
        fc.property(fc.array(cleanWord, { maxLength: 20 }), fc.constantFrom(' ', '  ', '\u00A0', '\n', '\t'), (words, space) => {
          const text = `${words.join(space)} Ombudsman`;
          expect(checkCorrespondence(text, rules, 'final-response').passed).toBe(true);
          expect(checkCorrespondence(text.normalize('NFD'), rules, 'final-response').passed).toBe(true);
        }),
      );
    });

    it('finds a flagged phrase in any mix of upper and lower case (Polish, Hebrew and Latin letters)', () => {
      const letters = fc.constantFrom(...'abcdeąćęłńóśźżזשלום'.split(''));
      const phrase = fc.array(letters, { minLength: 3, maxLength: 12 }).map((chars) => chars.join(''));
      fc.assert(
        fc.property(phrase, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (flagged, upper) => {
          const shouted = [...flagged].map((char, i) => (upper[i] ? char.toUpperCase() : char)).join('');
          const result = checkCorrespondence(`Dzień dobry. ${shouted}. Ombudsman.`, withRules({ flaggedPhrases: [flagged] }), 'final-response');
          expect(result.problems).toEqual([expect.objectContaining({ code: 'flagged-phrase', excerpt: shouted })]);
        }),
      );
    });
  });
});
