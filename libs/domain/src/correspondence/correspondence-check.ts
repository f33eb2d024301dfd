/**
 * Checks outgoing written correspondence before it is sent (service principle 12: careless
 * written replies damage the company; CONTRACT.md `resolution`). Every problem is reported,
 * not just the first, each against `responseText`:
 * - `empty`: nothing but whitespace (or invisible formatting characters);
 * - `unfilled-placeholder`: template tokens left in the text (rules below);
 * - `missing-referral-rights`: a final response, when the policy requires it, must contain
 *   at least one of the policy's referral-rights phrases (of the text's language, when the
 *   policy lists them per language);
 * - `flagged-phrase`: stock phrases the policy flags ("that is our policy") found in the text,
 *   those of every language (an English stock phrase pasted into a Hebrew letter is still one).
 * Phrases match case-insensitively as substrings after NFC normalization, `toLowerCase()`
 * per character (locale-independent), dropping invisible format characters (RTL marks,
 * zero-width spaces, soft hyphens), collapsing whitespace and unifying apostrophes and
 * quotes. Substrings rather than whole words, because Hebrew attaches prefixes to words
 * ("לנציב") and Polish inflects them; operators choose phrases accordingly.
 *
 * Placeholder rules (`unfilled-placeholder`), each distinct token reported once:
 * - `{{…}}` (any content) and stray `{{` / `}}`; `${…}`; `{word}` / `{0}` (identifier-like
 *   content of letters, digits, `_ . -` and spaces);
 * - printf tokens `%s`, `%d`, `%1$s`, `%(name)s`;
 * - square brackets (also fullwidth ［］ and 【】) whose content looks like a template token:
 *   written in capitals ("[NAME]", "[CUSTOMER NAME]", "[IMIĘ]"), an identifier with `_`
 *   ("[customer_name]"), or starting with a template keyword in English, Polish, Hebrew,
 *   German, French or Spanish (insert, name, date, amount, TBD…; wstaw, imię, data, kwota…;
 *   שם, תאריך, סכום, הכנס…). Not flagged: "[1]", "[sic]", "[see below]", "[...]", content
 *   with digits ("[CR-2026-000001]", "[date: 24.11.2026]") or a filled-in label
 *   ("[Name: Jan Kowalski]"), unless it is an instruction ("[insert: amount]");
 * - angle brackets whose content is not markup: "<customer name>", "<NAME>", "<<date>>",
 *   "<שם הלקוח>" are flagged. Decision: outgoing text may be HTML e-mail, so real tags are NOT
 *   placeholders: closing tags ("</p>"), tags with attributes or self-closing ("<a href=…>",
 *   "<br/>"), and bare known HTML element names ("<br>", "<p>", "<b>", "<title>"); nor are
 *   comments/doctypes, e-mail addresses or URLs in angle brackets ("<jan@example.com>"), nor
 *   comparisons with spaces ("a < b").
 * - mail-merge fields in guillemets when identifier-like ("«FirstName»", "«CUSTOMER_NAME»"),
 *   not ordinary quotations ("«bardzo dziękujemy»");
 * - `XXX` (three or more capital X as a word, but not a masked number like "XXXX-XXXX-1234"
 *   or "XXXX1234"), `TBD`, `TBC`, `TODO`, `FIXME` in capitals as whole words (lower-case
 *   "todo" is ordinary Spanish), and blanks of three or more underscores ("____").
 * Parentheses are never placeholders ("(see below)", "(FCA)"). Beyond 50 distinct
 * placeholders, one further problem counts the rest.
 */
import type { Policy } from '../policy/policy-schema';
import { phrasesFor } from './correspondence-phrases';

export type CorrespondenceKind = 'final-response' | 'letter';

export type CorrespondenceProblemCode = 'unfilled-placeholder' | 'missing-referral-rights' | 'flagged-phrase' | 'empty';

export interface CorrespondenceCheckProblem {
  code: CorrespondenceProblemCode;
  path: string;
  message: string;
  excerpt?: string;
}

export interface CorrespondenceCheck {
  passed: boolean;
  problems: CorrespondenceCheckProblem[];
}

export type CorrespondenceRules = Policy['correspondence'];

const PATH = 'responseText';
/** Distinct placeholders reported one by one; beyond this, one problem counts the rest. */
const MAX_PLACEHOLDER_PROBLEMS = 50;

// ---------------------------------------------------------------------------------------
// Normalization for phrase matching

const FORMAT_CHAR = /\p{Cf}/u;
const WHITESPACE = /\s/u;
const APOSTROPHES = new Set(['\u2018', '\u2019', '\u02BC', '\u2032', '\u05F3', '`', '\u00B4']);
const DOUBLE_QUOTES = new Set(['\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB', '\u05F4', '\u2033']);

function foldCodePoint(char: string): string {
  if (APOSTROPHES.has(char)) return "'";
  if (DOUBLE_QUOTES.has(char)) return '"';
  if (char === '\u2010' || char === '\u2011' || char === '\u2012' || char === '\u2013' || char === '\u2014' || char === '\u05BE') return '-';
  const lower = char.toLowerCase();
  return lower === '\u03C2' ? '\u03C3' : lower; // final sigma folds like sigma
}

interface Folded {
  text: string;
  /** for each UTF-16 unit of `text`, the [start, end) span in the NFC source it came from */
  starts: number[];
  ends: number[];
}

/** Folds NFC `source` for matching, remembering where each folded character came from. */
function fold(source: string): Folded {
  const parts: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  let afterSpace = true; // drops leading whitespace
  for (const char of source) {
    const start = offset;
    offset += char.length;
    if (FORMAT_CHAR.test(char)) continue;
    let out: string;
    if (WHITESPACE.test(char)) {
      if (afterSpace) continue;
      out = ' ';
      afterSpace = true;
    } else {
      out = foldCodePoint(char);
      afterSpace = false;
    }
    for (let i = 0; i < out.length; i++) {
      starts.push(start);
      ends.push(offset);
    }
    parts.push(out);
  }
  if (parts.length && parts[parts.length - 1] === ' ') {
    parts.pop();
    starts.pop();
    ends.pop();
  }
  return { text: parts.join(''), starts, ends };
}

/** Folds a policy phrase the same way as the text it is looked for in. */
function foldPhrase(phrase: string): string {
  return fold(phrase.normalize('NFC')).text;
}

/** The source excerpt of the first occurrence of folded `needle` in `folded`, or null. */
function findPhrase(source: string, folded: Folded, needle: string): string | null {
  const at = folded.text.indexOf(needle);
  if (at < 0) return null;
  return source.slice(folded.starts[at], folded.ends[at + needle.length - 1]);
}

// ---------------------------------------------------------------------------------------
// Placeholders

const KEYWORDS = [
  // English
  'insert', 'enter', 'fill in', 'add', 'name', 'first name', 'last name', 'surname', 'full name', 'date', 'amount', 'sum',
  'tbd', 'tbc', 'todo', 'xxx', 'placeholder', 'customer', 'client', 'agent', 'address', 'reference', 'ref', 'order number',
  'account number', 'phone', 'email', 'e-mail', 'company', 'product', 'signature',
  // Polish
  'wstaw', 'wpisz', 'uzupełnij', 'imię', 'imie', 'nazwisko', 'data', 'kwota', 'klient', 'klienta', 'adres', 'numer', 'podpis',
  // Hebrew
  'הכנס', 'הכניסו', 'הזן', 'הוסף', 'שם', 'תאריך', 'סכום', 'לקוח', 'הלקוח', 'כתובת', 'מספר', 'חתימה',
  // German, French, Spanish
  'einfügen', 'datum', 'betrag', 'kunde', 'insérer', 'nom', 'montant', 'insertar', 'nombre', 'fecha', 'importe', 'cliente',
].map((keyword) => keyword.normalize('NFC'));

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function startsWithKeyword(content: string): boolean {
  const lower = content.toLowerCase();
  return KEYWORDS.some((keyword) => lower.startsWith(keyword) && !LETTER_OR_DIGIT.test(lower.charAt(keyword.length)));
}

/** Content in capitals: at least two cased letters, every cased letter upper-case. */
function isCapitalized(content: string): boolean {
  const cased = [...content].filter((char) => char.toLowerCase() !== char.toUpperCase());
  return cased.length >= 2 && cased.every((char) => char === char.toUpperCase()) && /^[\p{L}\p{N}\p{M} _./'-]+$/u.test(content);
}

const IDENTIFIER_WITH_UNDERSCORE = /^[\p{L}\p{N}]*_[\p{L}\p{N}_]*$/u;

const INSTRUCTIONS = ['insert', 'enter', 'fill in', 'add', 'wstaw', 'wpisz', 'uzupełnij', 'הכנס', 'הכניסו', 'הזן', 'הוסף', 'einfügen', 'insérer', 'insertar'];
const DIGIT = /\p{N}/u;

/**
 * Square-bracket content that is a template token. Content with digits ("[1]", "[CR-2026-1]",
 * "[date: 24.11.2026]") or a filled-in label ("[Name: Jan Kowalski]") is text, not a token.
 */
function looksLikeTemplateToken(raw: string): boolean {
  const content = raw.trim();
  if (!content || !LETTER.test(content)) return false;
  if (IDENTIFIER_WITH_UNDERSCORE.test(content)) return true;
  if (DIGIT.test(content)) return false;
  const lower = content.toLowerCase();
  const labelled = /^[^:]+:\s*\S/u.test(content);
  if (labelled && !INSTRUCTIONS.some((word) => lower.startsWith(word))) return false;
  return isCapitalized(content) || startsWithKeyword(content);
}

const HTML_ELEMENTS = new Set(
  (
    'a abbr address article aside b bdi bdo blockquote body br caption center cite code col colgroup dd del details div dl dt em ' +
    'figcaption figure font footer h1 h2 h3 h4 h5 h6 head header hr html i img ins kbd li link main mark meta nav ol p pre q s ' +
    'section small span strike strong style sub summary sup table tbody td tfoot th thead title tr tt u ul wbr'
  ).split(' '),
);

function isMarkup(content: string): boolean {
  if (/^[!?]/.test(content)) return true; // <!-- comment -->, <!DOCTYPE>, <?xml ?>
  if (content.includes('@') || /^[a-z][a-z0-9+.-]*:/i.test(content)) return true; // e-mail address, URL
  const tag = /^(\/)?([A-Za-z][A-Za-z0-9]*)(\s+[^<>]*?)?\s*(\/)?$/.exec(content);
  if (!tag) return false;
  const [, closing, name, attributes, selfClosing] = tag;
  if (HTML_ELEMENTS.has(name.toLowerCase())) return true;
  return Boolean(closing || selfClosing || (attributes && /=/.test(attributes)));
}

interface PlaceholderRule {
  pattern: RegExp;
  /** whether the whole match is a placeholder (default: yes); `content` is capture group 1 if any */
  accept?: (match: RegExpExecArray) => boolean;
}

const PLACEHOLDER_RULES: PlaceholderRule[] = [
  { pattern: /\{\{[^{}\n]{0,80}\}\}/gu },
  { pattern: /\$\{[^{}\n]{0,80}\}/gu },
  { pattern: /\{\s*[\p{L}\p{N}_][\p{L}\p{N}\p{M}_. -]{0,60}\}/gu },
  { pattern: /\{\{|\}\}/gu },
  { pattern: /%(?:\d{1,2}\$)?[sd](?![\p{L}\p{N}])|%\([\p{L}_][\p{L}\p{N}_]{0,40}\)[sd]/gu },
  {
    pattern: /[[［【]([^\]］】[［【\n]{1,60})[\]］】]/gu,
    accept: (match) => looksLikeTemplateToken(match[1]),
  },
  {
    pattern: /<<([^<>\n]{1,60})>>/gu,
    accept: (match) => LETTER.test(match[1]) && !isMarkup(match[1].trim()),
  },
  {
    pattern: /<([^<>\s][^<>\n]{0,60})>/gu,
    accept: (match) => {
      const content = match[1];
      return !/\s$/.test(content) && LETTER.test(content) && !isMarkup(content);
    },
  },
  {
    pattern: /«([^«»\n]{1,60})»/gu,
    accept: (match) => {
      const content = match[1];
      return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(content) && (content.includes('_') || isCapitalized(content) || /\p{Ll}\p{Lu}/u.test(content));
    },
  },
  { pattern: /(?<![\p{L}\p{N}*-])X{3,}(?![\p{L}\p{N}*-])/gu },
  { pattern: /(?<![\p{L}\p{N}])(?:TBD|TBC|TODO|FIXME)(?![\p{L}\p{N}])/gu },
  { pattern: /_{3,}/gu },
];

/** Distinct placeholder tokens in order of first appearance, with how often each occurs. */
function findPlaceholders(text: string): { token: string; count: number }[] {
  const claimed = new Uint8Array(text.length); // spans are short, so overlap checks are cheap
  const found = new Map<string, { first: number; count: number }>();
  for (const rule of PLACEHOLDER_RULES) {
    const pattern = new RegExp(rule.pattern.source, rule.pattern.flags);
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (claimed.subarray(start, end).includes(1)) continue;
      if (rule.accept && !rule.accept(match)) continue;
      claimed.fill(1, start, end);
      const seen = found.get(match[0]);
      if (seen) seen.count++;
      else found.set(match[0], { first: start, count: 1 });
    }
  }
  return [...found.entries()].sort(([, a], [, b]) => a.first - b.first).map(([token, { count }]) => ({ token, count }));
}

// ---------------------------------------------------------------------------------------

function usablePhrases(phrases: readonly string[]): string[] {
  return phrases.filter((phrase) => typeof phrase === 'string' && foldPhrase(phrase) !== '');
}

/**
 * Checks `text` against the policy's correspondence rules. `kind` 'final-response' also
 * requires the customer's referral rights when the policy says so; 'letter' does not.
 * `language` picks the phrases of the text's language when the policy lists them per language.
 * `passed` is true only when there are no problems.
 */
export function checkCorrespondence(
  text: string,
  rules: CorrespondenceRules,
  kind: CorrespondenceKind,
  language?: string | null,
): CorrespondenceCheck {
  const source = (typeof text === 'string' ? text : '').normalize('NFC');
  const folded = fold(source);
  const problems: CorrespondenceCheckProblem[] = [];

  if (folded.text === '') {
    problems.push({ code: 'empty', path: PATH, message: 'the response text is empty' });
  }

  const placeholders = findPlaceholders(source);
  for (const { token, count } of placeholders.slice(0, MAX_PLACEHOLDER_PROBLEMS)) {
    problems.push({
      code: 'unfilled-placeholder',
      path: PATH,
      message: `unfilled template placeholder "${token}"${count > 1 ? ` (${count} times)` : ''}: fill it in or remove it`,
      excerpt: token,
    });
  }

  if (placeholders.length > MAX_PLACEHOLDER_PROBLEMS) {
    problems.push({
      code: 'unfilled-placeholder',
      path: PATH,
      message: `and ${placeholders.length - MAX_PLACEHOLDER_PROBLEMS} more distinct unfilled template placeholders`,
    });
  }

  if (kind === 'final-response' && rules.referralRightsRequired) {
    const phrases = usablePhrases(phrasesFor(rules.referralRightsPhrases, language));
    if (!phrases.some((phrase) => folded.text.includes(foldPhrase(phrase)))) {
      problems.push({
        code: 'missing-referral-rights',
        path: PATH,
        message: phrases.length
          ? `a final response must state the customer's right to take the complaint further (e.g. ${phrases.map((p) => `"${p}"`).join(' or ')})`
          : "a final response must state the customer's right to take the complaint further, but the policy lists no referral-rights phrases",
      });
    }
  }

  for (const phrase of usablePhrases(phrasesFor(rules.flaggedPhrases, null))) {
    const excerpt = findPhrase(source, folded, foldPhrase(phrase));
    if (excerpt !== null) {
      problems.push({ code: 'flagged-phrase', path: PATH, message: `contains the flagged stock phrase "${phrase}"`, excerpt });
    }
  }

  return { passed: problems.length === 0, problems };
}
