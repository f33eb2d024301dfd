/**
 * The policy's correspondence phrases (referral rights, flagged stock phrases) for one
 * language. A policy gives them as one list for every language, or as a map from language
 * to list (`correspondence.referralRightsPhrases: { en: [...], he: [...] }`); a language
 * the map lacks has no phrases (the policy's validation requires them for each of its
 * notice languages), and without a language the map's phrases of every language count
 * (flagged phrases are looked for so, in every letter).
 */
export type CorrespondencePhrases = readonly string[] | Readonly<Record<string, readonly string[]>>;

export function phrasesFor(phrases: CorrespondencePhrases, language: string | null | undefined): string[] {
  if (Array.isArray(phrases)) return [...phrases];
  const byLanguage = phrases as Readonly<Record<string, readonly string[]>>;
  if (!language) return Object.values(byLanguage).flat();
  const key = Object.keys(byLanguage).find((candidate) => candidate.toLowerCase() === language.toLowerCase());
  return key ? [...byLanguage[key]] : [];
}
