/**
 * Why the domain refuses a command. Codes are stable: transports map each one to their
 * own error shape in one exhaustive mapper (the API: problem+json types and statuses).
 * No HTTP status lives here.
 */
export const COMPLAINT_RULE_CODES = [
  'case-closed',
  'invalid-command',
  'not-permitted',
  'conflict',
  'not-found',
] as const;
export type ComplaintRuleCode = (typeof COMPLAINT_RULE_CODES)[number];

export interface RuleViolation {
  path: string;
  message: string;
}

export class ComplaintRuleError extends Error {
  constructor(
    readonly code: ComplaintRuleCode,
    message: string,
    readonly violations: RuleViolation[] = [],
  ) {
    super(message);
    this.name = 'ComplaintRuleError';
  }
}

export function isComplaintRuleCode(value: unknown): value is ComplaintRuleCode {
  return typeof value === 'string' && (COMPLAINT_RULE_CODES as readonly string[]).includes(value);
}
