// Reading a policy file: JSON or YAML text (YAML 1.2 is a superset of JSON) validated
// against the policy schema. Any problem raises a PolicyError naming every bad field.
// `notices.templates` may name a folder (relative to the policy file) holding one YAML file
// per notice language, `<language>.yaml`: the caller's `readTemplates` reads them, and they
// are validated as if written in the policy itself (registered and versioned with it).
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { PolicyError } from './policy-error';
import type { PolicyIssue } from './policy-error';
import { policySchema } from './policy-schema';
import { noticeTemplateIssues } from '../notices/notice-templates-check';
import type { Policy } from './policy-schema';

export interface PolicySources {
  /** the text of `<folder>/<language>.yaml`, the folder as the policy names it */
  readTemplates?: (folder: string, language: string) => string;
}

function parseYaml(text: string, sourceName: string, path: string): unknown {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new PolicyError(
      sourceName,
      document.errors.map((error) => ({ path, message: `not valid JSON or YAML: ${error.message}` })),
    );
  }
  return document.toJS();
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The templates of a folder-named `notices.templates`, read in, one file per listed language. */
function withTemplates(data: Record<string, unknown>, sourceName: string, sources: PolicySources): Record<string, unknown> {
  const notices = data.notices;
  if (!isMapping(notices) || typeof notices.templates !== 'string' || !sources.readTemplates) return data;
  const folder = notices.templates;
  const languages = Array.isArray(notices.languages) ? notices.languages.filter((l): l is string => typeof l === 'string' && /^[A-Za-z0-9-]+$/.test(l)) : [];
  const templates: Record<string, unknown> = {};
  for (const language of languages) {
    const file = `${folder.replace(/\/+$/, '')}/${language}.yaml`;
    let text: string;
    try {
      text = sources.readTemplates(folder, language);
    } catch (error) {
      throw new PolicyError(sourceName, [{ path: `notices.templates.${language}`, message: `cannot read ${file}: ${(error as Error).message}` }]);
    }
    templates[language] = parseYaml(text, `${sourceName} (${file})`, `notices.templates.${language}`);
  }
  return { ...data, notices: { ...notices, templates } };
}

/** Parses and validates policy text; `sourceName` (e.g. the file name) appears in error messages. */
export function parsePolicy(text: string, sourceName: string, sources: PolicySources = {}): Policy {
  const parsed = parseYaml(text, sourceName, '(root)');
  if (!isMapping(parsed)) {
    throw new PolicyError(sourceName, [{ path: '(root)', message: 'expected a mapping of policy fields' }]);
  }
  const data = withTemplates(parsed, sourceName, sources);
  const result = policySchema.safeParse(data, {
    error: (issue) => (issue.input === undefined && issue.code === 'invalid_type' ? 'required' : undefined),
  });
  if (!result.success) throw new PolicyError(sourceName, toPolicyIssues(result.error.issues));
  // the notices are tried out on a policy otherwise sound (their dates need its time zone)
  const noticeIssues = noticeTemplateIssues(result.data);
  if (noticeIssues.length > 0) throw new PolicyError(sourceName, noticeIssues.map((issue) => ({ path: dotted(issue.path), message: issue.message })));
  return result.data;
}

type ZodIssue = z.core.$ZodIssue;
type PathSegment = PropertyKey;

function toPolicyIssues(issues: readonly ZodIssue[], prefix: readonly PathSegment[] = []): PolicyIssue[] {
  return issues.flatMap((issue) => describe(issue, [...prefix, ...issue.path]));
}

function describe(issue: ZodIssue, path: readonly PathSegment[]): PolicyIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: dotted([...path, key]), message: issue.message }));
  }
  if (issue.code === 'invalid_key') {
    // A bad record key (e.g. a currency code): its own issues say what is wrong with it.
    return issue.issues.map((inner) => ({ path: dotted(path), message: inner.message }));
  }
  if (issue.code === 'invalid_union') {
    // Report the branch the value was evidently meant for (the one that got past the
    // type check); when none did, the union's own message says what is expected.
    const meant = issue.errors.filter((branch) => !branch.every(isRootMismatch));
    if (meant.length === 1 && meant[0]) return toPolicyIssues(meant[0], path);
  }
  return [{ path: dotted(path), message: issue.message }];
}

function isRootMismatch(issue: ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

function dotted(path: readonly PathSegment[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}
