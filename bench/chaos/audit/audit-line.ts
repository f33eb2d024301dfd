/**
 * One line of the chaos audit's table: what was checked, the figures it rests on, and
 * whether it passed. Every check is a pure function from what was gathered to its lines,
 * so a test can plant a loss, a duplicate or a broken chain and see the line fail.
 */

export interface AuditLine {
  check: string;
  /** the figures, e.g. "10,000 accepted, 10,000 in the store, 0 lost" */
  count: string;
  pass: boolean;
  /** the first offenders, when it failed */
  detail?: string;
}

/** Up to five examples of what failed, for the detail column. */
export function examples(items: readonly string[]): string | undefined {
  if (items.length === 0) return undefined;
  return `${items.slice(0, 5).join('; ')}${items.length > 5 ? `; … (${items.length} in all)` : ''}`;
}

export const n = (value: number) => value.toLocaleString('en-GB');

/** The audit table as Markdown. */
export function auditTable(lines: readonly AuditLine[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    '| check | count | result |',
    '|---|---|---|',
    ...lines.map((line) => `| ${cell(line.check)} | ${cell(line.count)}${line.detail ? ` — ${cell(line.detail)}` : ''} | ${line.pass ? 'pass' : '**FAIL**'} |`),
  ].join('\n');
}
