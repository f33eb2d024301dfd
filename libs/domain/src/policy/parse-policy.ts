// Reading a policy file: JSON or YAML text (YAML 1.2 is a superset of JSON) validated
// against the policy schema. Any problem raises a PolicyError naming every bad field.
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { PolicyError } from './policy-error';
import type { PolicyIssue } from './policy-error';
import { policySchema } from './policy-schema';
import type { Policy } from './policy-schema';

/** Parses and validates policy text; `sourceName` (e.g. the file name) appears in error messages. */
export function parsePolicy(text: string, sourceName: string): Policy {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new PolicyError(
      sourceName,
      document.errors.map((error) => ({ path: '(root)', message: `not valid JSON or YAML: ${error.message}` })),
    );
  }
  const data: unknown = document.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PolicyError(sourceName, [{ path: '(root)', message: 'expected a mapping of policy fields' }]);
  }
  const result = policySchema.safeParse(data, {
    error: (issue) => (issue.input === undefined && issue.code === 'invalid_type' ? 'required' : undefined),
  });
  if (!result.success) throw new PolicyError(sourceName, toPolicyIssues(result.error.issues));
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
