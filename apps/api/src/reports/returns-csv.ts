/**
 * The complaints return as CSV (RFC 4180, by csv-stringify): a header row, one row per product
 * group and a last row of totals; a group's categories joined by "; "; the upheld percentage
 * empty when nothing was closed; one redress column per currency of the return, in minor
 * units. The figures only: the coverage and the redress reconciliation are in the JSON answer.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReturnFigures } from '../../../../libs/domain/src';

export const TOTAL_ROW = 'Total';
export const CATEGORY_SEPARATOR = '; ';

const FIGURE_COLUMNS: readonly [header: string, figure: (f: ReturnFigures) => number | null][] = [
  ['Opened', (f) => f.opened],
  ['Closed', (f) => f.closed],
  ['Closed within 3 business days', (f) => f.closedWithin3BusinessDays],
  ['Closed after 3 business days, within 8 weeks', (f) => f.closedAfter3BusinessDaysWithin8Weeks],
  ['Closed after 8 weeks', (f) => f.closedAfter8Weeks],
  ['Upheld', (f) => f.upheld],
  ['Upheld %', (f) => f.upheldPercent],
  ['Ended without a response', (f) => f.endedWithoutResponse],
];

export const redressHeader = (currency: string): string => `Redress ${currency} (minor units)`;

export function returnsCsv(report: { groups: readonly (ReturnFigures & { productGroup: string; categories: readonly string[] })[]; total: ReturnFigures }): string {
  const currencies = report.total.redress.map((money) => money.currency);
  const row = (group: string, categories: string, figures: ReturnFigures) => [
    group,
    categories,
    ...FIGURE_COLUMNS.map(([, figure]) => figure(figures)),
    ...currencies.map((currency) => figures.redress.find((money) => money.currency === currency)?.minor ?? 0),
  ];
  return stringify(
    [
      ...report.groups.map((group) => row(group.productGroup, group.categories.join(CATEGORY_SEPARATOR), group)),
      row(TOTAL_ROW, '', report.total),
    ],
    { header: true, columns: ['Product group', 'Categories', ...FIGURE_COLUMNS.map(([header]) => header), ...currencies.map(redressHeader)], record_delimiter: 'windows' },
  );
}
