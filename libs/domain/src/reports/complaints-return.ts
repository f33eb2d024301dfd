/**
 * The arithmetic of a regulator's complaints return (UK FCA DISP 1.10 style) over one period,
 * from the figures the report tables hold:
 *
 * - Product groups: each category counts in the group the policy's `returns.productGroups`
 *   maps it to. Every group the policy names is reported (zeros included), in name order;
 *   the categories it maps to none are gathered in one last group, `(unmapped)`, which lists
 *   them, so a gap in the mapping shows instead of hiding among the regulator's groups.
 * - Opened: complaints received in the period.
 * - Closed: complaints whose first final response (a summary resolution letter included)
 *   went out in the period: the FCA counts a complaint closed when the final response or
 *   summary resolution communication is sent, not when the customer confirms it. A reopened
 *   complaint was closed once, by its first response. Complaints that ended without a response
 *   (withdrawn, merged into another report of the same complaint) are not closed in this
 *   sense; they are counted apart (`endedWithoutResponse`).
 * - How fast: within 3 business days (the response went out by the end of the third business
 *   day after the day of receipt, on the policy's calendar: its working weekdays, public
 *   holidays and closed dates), after that but within 8 weeks (8 calendar weeks from
 *   receipt, in the calendar's time zone), or after 8 weeks.
 * - Upheld: upheld and partially upheld responses both count (the FCA return counts a
 *   complaint upheld when it is upheld in whole or in part); `upheldPercent` is of those
 *   closed, to two decimals, null when none was closed.
 * - Redress: compensation approved in the period (the engine approves, the payment itself is
 *   made elsewhere) on the group's complaints, per currency, in minor units; its total per
 *   currency is set against the same sum taken straight from the events (`reconciliation`).
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { MoneyAmount, ResolutionOutcome } from '../events/complaint-events';

export const UNMAPPED_GROUP = '(unmapped)';

export type ClosureTiming = 'within3BusinessDays' | 'after3BusinessDaysWithin8Weeks' | 'after8Weeks';

/** How fast a complaint received at `receivedAt` and answered at `respondedAt` was closed. */
export function closureTiming(calendar: BusinessCalendar, receivedAt: Date, respondedAt: Date): ClosureTiming {
  if (calendar.businessDaysBetween(receivedAt, respondedAt) <= 3) return 'within3BusinessDays';
  return respondedAt.getTime() <= calendar.addCalendarTime(receivedAt, 'P8W').getTime() ? 'after3BusinessDaysWithin8Weeks' : 'after8Weeks';
}

/** What the report tables hold of the period. */
export interface ReturnInputs {
  opened: readonly { category: string; count: number }[];
  /** each complaint closed in the period: when it was received and answered, and how */
  closed: readonly { category: string; receivedAt: string; respondedAt: string; outcome: ResolutionOutcome }[];
  endedWithoutResponse: readonly { category: string; count: number }[];
  redress: readonly { category: string; currency: string; minor: number }[];
  /** the approvals of the period summed straight from the events, per currency */
  redressFromEvents: readonly MoneyAmount[];
}

export interface ReturnFigures {
  opened: number;
  closed: number;
  closedWithin3BusinessDays: number;
  closedAfter3BusinessDaysWithin8Weeks: number;
  closedAfter8Weeks: number;
  upheld: number;
  upheldPercent: number | null;
  endedWithoutResponse: number;
  redress: MoneyAmount[];
}

export interface ReturnGroup extends ReturnFigures {
  productGroup: string;
  categories: string[];
}

export interface RedressReconciliation {
  currency: string;
  fromReportTables: number;
  fromEvents: number;
  reconciled: boolean;
}

export interface ComplaintsReturn {
  groups: ReturnGroup[];
  total: ReturnFigures;
  reconciliation: RedressReconciliation[];
  /** every currency reconciled */
  reconciled: boolean;
}

type Counts = Omit<ReturnFigures, 'upheldPercent' | 'redress'> & { redress: Map<string, number> };

const emptyCounts = (): Counts => ({
  opened: 0,
  closed: 0,
  closedWithin3BusinessDays: 0,
  closedAfter3BusinessDaysWithin8Weeks: 0,
  closedAfter8Weeks: 0,
  upheld: 0,
  endedWithoutResponse: 0,
  redress: new Map(),
});

const byCurrency = (sums: ReadonlyMap<string, number>): MoneyAmount[] =>
  [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => ({ currency, minor }));

function figures(counts: Counts): ReturnFigures {
  return {
    ...counts,
    upheldPercent: counts.closed > 0 ? Math.round((counts.upheld / counts.closed) * 10_000) / 100 : null,
    redress: byCurrency(counts.redress),
  };
}

/** Each currency's redress from the report tables against the same sum from the events, to the minor unit. */
export function reconcileRedress(fromReportTables: readonly MoneyAmount[], fromEvents: readonly MoneyAmount[]): RedressReconciliation[] {
  const currencies = [...new Set([...fromReportTables, ...fromEvents].map((m) => m.currency))].sort();
  const sum = (amounts: readonly MoneyAmount[], currency: string) => amounts.filter((m) => m.currency === currency).reduce((total, m) => total + m.minor, 0);
  return currencies.map((currency) => {
    const tables = sum(fromReportTables, currency);
    const events = sum(fromEvents, currency);
    return { currency, fromReportTables: tables, fromEvents: events, reconciled: tables === events };
  });
}

export function complaintsReturn(inputs: ReturnInputs, productGroups: Readonly<Record<string, string>>, calendar: BusinessCalendar): ComplaintsReturn {
  const groups = new Map<string, { categories: Set<string>; counts: Counts }>();
  const groupOf = (category: string) => {
    const name = Object.hasOwn(productGroups, category) ? productGroups[category]! : UNMAPPED_GROUP;
    let group = groups.get(name);
    if (!group) groups.set(name, (group = { categories: new Set(), counts: emptyCounts() }));
    group.categories.add(category);
    return group.counts;
  };
  for (const category of Object.keys(productGroups)) groupOf(category);
  const total = emptyCounts();
  const both = (category: string, change: (counts: Counts) => void) => {
    change(groupOf(category));
    change(total);
  };

  for (const row of inputs.opened) both(row.category, (c) => (c.opened += row.count));
  for (const row of inputs.endedWithoutResponse) both(row.category, (c) => (c.endedWithoutResponse += row.count));
  for (const row of inputs.closed) {
    const timing = closureTiming(calendar, new Date(row.receivedAt), new Date(row.respondedAt));
    const upheld = row.outcome === 'upheld' || row.outcome === 'partially_upheld';
    both(row.category, (c) => {
      c.closed += 1;
      if (timing === 'within3BusinessDays') c.closedWithin3BusinessDays += 1;
      else if (timing === 'after3BusinessDaysWithin8Weeks') c.closedAfter3BusinessDaysWithin8Weeks += 1;
      else c.closedAfter8Weeks += 1;
      if (upheld) c.upheld += 1;
    });
  }
  for (const row of inputs.redress) both(row.category, (c) => c.redress.set(row.currency, (c.redress.get(row.currency) ?? 0) + row.minor));

  const names = [...groups.keys()].filter((name) => name !== UNMAPPED_GROUP).sort((a, b) => a.localeCompare(b));
  if (groups.has(UNMAPPED_GROUP)) names.push(UNMAPPED_GROUP);
  const reconciliation = reconcileRedress(byCurrency(total.redress), inputs.redressFromEvents);
  return {
    groups: names.map((name) => {
      const group = groups.get(name)!;
      return { productGroup: name, categories: [...group.categories].sort(), ...figures(group.counts) };
    }),
    total: figures(total),
    reconciliation,
    reconciled: reconciliation.every((r) => r.reconciled),
  };
}
