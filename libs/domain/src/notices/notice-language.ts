/**
 * Which of the policy's languages a customer is written to in, and which way it runs.
 * The customer's BCP 47 tag (from intake) is tried as given (canonicalized: "iw" is "he",
 * "pl-pl" is "pl-PL"), then with its last subtag dropped, again and again ("zh-Hant-TW",
 * "zh-Hant", "zh"), then the policy's default language; the first the policy has templates
 * for is used, and the tags tried on the way are recorded on the notice. Dates and money are
 * formatted in the customer's own tag when it refines the language used ("pl-PL" for "pl").
 * Pure: Intl only, which also works inside Temporal's workflow sandbox.
 */

export type TextDirection = 'ltr' | 'rtl';

export interface NoticeLanguage {
  /** the policy language the templates are taken from */
  language: string;
  /** the customer's tag as recorded at intake, or null when intake gave none */
  requestedLanguage: string | null;
  /** the tags tried, in order, ending with `language` */
  fallback: string[];
  /** the locale dates, numbers and money are formatted in */
  locale: string;
}

const canonicalTags = new Map<string, string | null>();
const directions = new Map<string, TextDirection>();
/** Bounds both memos: the tags customers give are few, but they come from outside. */
const MEMO_MAX = 1_000;

function remembered<V>(memo: Map<string, V>, key: string, compute: () => V): V {
  if (memo.has(key)) return memo.get(key)!;
  const value = compute();
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
  return value;
}

/** The canonical form of a BCP 47 tag, or null when it is not one. */
export function canonicalLanguageTag(tag: string): string | null {
  return remembered(canonicalTags, tag, () => {
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? null;
    } catch {
      return null;
    }
  });
}

/** The tag and its ever shorter prefixes ("pl-PL", "pl"); single-letter subtags (extensions, "x-") go with what follows them. */
function prefixes(tag: string): string[] {
  const subtags = tag.split('-');
  const out: string[] = [];
  for (let length = subtags.length; length >= 1; length--) {
    if (length < subtags.length && subtags[length - 1].length === 1) continue;
    out.push(subtags.slice(0, length).join('-'));
  }
  return out;
}

export function noticeLanguage(requested: string | null | undefined, languages: readonly string[], defaultLanguage: string): NoticeLanguage {
  const known = new Map(languages.map((language) => [language.toLowerCase(), language]));
  const canonical = requested ? canonicalLanguageTag(requested) : null;
  const fallback: string[] = [];
  for (const candidate of [...(canonical ? prefixes(canonical) : []), defaultLanguage]) {
    if (fallback.includes(candidate)) continue;
    fallback.push(candidate);
    const language = known.get(candidate.toLowerCase());
    if (language) {
      const refines = canonical !== null && canonical.toLowerCase().startsWith(`${language.toLowerCase()}-`);
      return { language, requestedLanguage: requested ?? null, fallback: [...fallback.slice(0, -1), language], locale: refines ? canonical : language };
    }
  }
  // the policy's validation makes the default one of its languages; a last resort all the same
  return { language: defaultLanguage, requestedLanguage: requested ?? null, fallback, locale: defaultLanguage };
}

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ku-Arab', 'mzn', 'nqo', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

interface LocaleWithTextInfo {
  getTextInfo?: () => { direction?: string };
  textInfo?: { direction?: string };
}

/** The direction a language is written in: from Intl's text info where the runtime has it, else from a list of right-to-left languages. */
export function languageDirection(language: string): TextDirection {
  return remembered(directions, language, () => directionOf(language));
}

function directionOf(language: string): TextDirection {
  try {
    const locale = new Intl.Locale(language) as Intl.Locale & LocaleWithTextInfo;
    const direction = locale.getTextInfo?.().direction ?? locale.textInfo?.direction;
    if (direction === 'rtl' || direction === 'ltr') return direction;
    return RTL_LANGUAGES.has(locale.language) || RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
