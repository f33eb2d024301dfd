/**
 * An amount typed in major units the way the viewer's locale writes numbers ("120.50",
 * "120,50", "1 200,50"), turned into integer minor units of the currency (pence, grosze,
 * agorot) with string arithmetic, never floating point. Null when it is not such an amount.
 */
export function toMinorUnits(typed: string, currency: string, locale: string): number | null {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  const group = parts.find((part) => part.type === 'group')?.value ?? ',';
  const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
  const digits = fractionDigits(currency);
  let text = typed.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (group.trim() !== '') text = text.split(group).join('');
  if (decimal !== '.') text = text.replace(decimal, '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

export function fractionDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}
