/** The window a figure covers: [from, to), by default the 90 days before now; refused when from is not before to. */
import { ProblemException } from '../problems/problem';
import { instant } from '../validation/wire-formats';

const DEFAULT_DAYS = 90;

export const windowQuery = {
  from: instant().optional().describe('start of the window (inclusive); default: 90 days before `to`'),
  to: instant().optional().describe('end of the window (exclusive); default: now'),
};

export interface ReportWindow {
  from: string;
  to: string;
}

export function resolveWindow(query: { from?: string; to?: string }): ReportWindow {
  const to = query.to ?? new Date().toISOString();
  const from = query.from ?? new Date(Date.parse(to) - DEFAULT_DAYS * 86_400_000).toISOString();
  if (Date.parse(from) >= Date.parse(to)) {
    throw new ProblemException('rule-violation', 'from must be before to', { errors: [{ path: 'query.from', message: 'must be before to' }] });
  }
  return { from, to };
}
