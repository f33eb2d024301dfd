// Complaint severities and their ordering. Severity (with category) is the only thing
// that selects a case's deadlines; customer value never does.

/** Every severity, from least to most urgent. */
export const SEVERITIES = ['low', 'normal', 'high', 'critical'] as const;

export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

/** 0 for `low` up to 3 for `critical`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** The more urgent of two severities; an absent floor leaves `severity` unchanged. */
export function maxSeverity(severity: Severity, floor?: Severity): Severity {
  if (floor === undefined) return severity;
  return severityRank(floor) > severityRank(severity) ? floor : severity;
}
