/**
 * What `npm audit --json` said, as the dependency-audit test needs it: the advisories at or
 * above a severity, by package; or that the registry could not be asked (an answer without
 * npm's report: e.g. a mirror refusing the bulk-advisory endpoint with 405).
 */
export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type AuditVerdict =
  | { audited: true; counts: Record<Severity, number>; blocking: { name: string; severity: Severity; via: string[] }[] }
  | { audited: false; reason: string };

interface AuditJson {
  metadata?: { vulnerabilities?: Partial<Record<Severity, number>> };
  vulnerabilities?: Record<string, { severity: Severity; via: (string | { title?: string; url?: string })[] }>;
  message?: string;
  statusCode?: number;
  error?: { summary?: string };
}

export function auditVerdict(stdout: string, atLeast: Severity = 'high'): AuditVerdict {
  let json: AuditJson;
  try {
    json = JSON.parse(stdout) as AuditJson;
  } catch {
    return { audited: false, reason: `npm audit printed no JSON report: ${stdout.slice(0, 200) || '(nothing)'}` };
  }
  const totals = json.metadata?.vulnerabilities;
  if (!totals) {
    return { audited: false, reason: `the registry did not audit: ${json.message ?? json.error?.summary ?? 'no report in the answer'}` };
  }
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, totals[s] ?? 0])) as Record<Severity, number>;
  const floor = SEVERITIES.indexOf(atLeast);
  const blocking = Object.entries(json.vulnerabilities ?? {})
    .filter(([, v]) => SEVERITIES.indexOf(v.severity) >= floor)
    .map(([name, v]) => ({ name, severity: v.severity, via: v.via.map((via) => (typeof via === 'string' ? via : (via.title ?? via.url ?? '?'))) }));
  return { audited: true, counts, blocking };
}
