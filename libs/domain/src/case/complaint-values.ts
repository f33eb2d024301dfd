/** Value types of a complaint that appear on the wire and in events. */
export const CHANNELS = ['phone', 'email', 'web', 'chat', 'social', 'letter', 'in_person', 'fax'] as const;
export type Channel = (typeof CHANNELS)[number];

export { SEVERITIES, type Severity } from '../deadlines/severity';

export const STATUSES = [
  'received',
  'acknowledged',
  'investigating',
  'awaiting_customer',
  'awaiting_approval',
  'resolved',
  'closed',
] as const;
export type ComplaintStatus = (typeof STATUSES)[number];

export const CLOSURES = ['confirmed', 'unconfirmed', 'withdrawn', 'merged'] as const;
export type Closure = (typeof CLOSURES)[number];

export interface CustomerDetails {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  segment: string | null;
  language: string | null;
}

/** The owner of a case that nobody has taken yet: its category's queue. */
export function queueOwner(category: string): string {
  return `queue:${category}`;
}

/** The deadlines of a case, ISO 8601 UTC instants, computed from the policy at intake. */
export interface CaseDeadlines {
  acknowledgeBy: string;
  firstContactBy: string;
  updateBy: string;
  promiseWarningAt: string;
  promisedResolutionBy: string;
  finalResponseBy: string;
}
