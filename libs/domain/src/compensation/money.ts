/**
 * Money for compensation (CONTRACT.md, compensation proposals): integer minor units and an
 * ISO 4217 currency code, never floating point. Parsing refuses anything that is not a
 * non-negative safe integer with a three-capital-letter code; arithmetic keeps to one
 * currency and to safe integers. Instalment plans (service principle 3: "no instalments"
 * drives customers away) are checked to sum exactly to the amount they pay off.
 * Pure: no I/O; Intl is used only to read a currency's minor-unit exponent, which also works
 * inside Temporal's workflow sandbox.
 */
import { ComplaintRuleError, type RuleViolation } from '../errors/complaint-rule-error';

/** An amount of money: `minor` whole minor units (cents, pence, grosze) of `currency`. */
export interface Money {
  minor: number;
  currency: string;
}

/** A schedule paying off a compensation amount in parts. */
export interface InstalmentPlan {
  count: number;
  amounts: Money[];
  /** ISO dates ("YYYY-MM-DD"), strictly increasing. */
  dueDates: string[];
}

const CURRENCY_CODE = /^[A-Z]{3}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is shaped like an ISO 4217 code (three capital letters). */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCY_CODE.test(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function minorProblem(minor: unknown): string | null {
  if (typeof minor !== 'number' || Number.isNaN(minor)) return 'expected a whole number of minor units';
  if (!Number.isInteger(minor)) return 'expected a whole number of minor units (no fractions: 12.50 is 1250)';
  if (minor < 0) return 'must not be negative';
  if (!Number.isSafeInteger(minor)) return 'too large (beyond a safe integer)';
  return null;
}

/** The problems with `value` as money, reported against `path` and its fields. */
function moneyViolations(value: unknown, path: string): RuleViolation[] {
  if (!isRecord(value)) return [{ path, message: 'expected {minor, currency}' }];
  const violations: RuleViolation[] = [];
  const minor = minorProblem(value['minor']);
  if (minor) violations.push({ path: `${path}.minor`, message: minor });
  if (!isCurrencyCode(value['currency'])) {
    violations.push({ path: `${path}.currency`, message: 'expected an ISO 4217 currency code (3 capital letters)' });
  }
  return violations;
}

/**
 * Reads money from untrusted input. Zero is allowed here (whether a zero amount makes sense
 * is the command's business); `-0` becomes 0. Throws `invalid-command` naming every bad field.
 */
export function parseMoney(value: unknown, path = 'amount'): Money {
  const violations = moneyViolations(value, path);
  if (violations.length) throw new ComplaintRuleError('invalid-command', `${path} is not a valid amount of money`, violations);
  const { minor, currency } = value as Money;
  return { minor: minor === 0 ? 0 : minor, currency };
}

const exponents = new Map<string, number>();

/** The number of minor-unit digits of `currency` (2 for EUR, 0 for JPY, 3 for KWD); 2 when unknown. */
export function minorUnitExponent(currency: string): number {
  const known = exponents.get(currency);
  if (known !== undefined) return known;
  let exponent = 2;
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    if (typeof digits === 'number' && Number.isInteger(digits) && digits >= 0 && digits <= 4) exponent = digits;
  } catch {
    // not a well-formed code, or no Intl currency data: keep the common exponent
  }
  exponents.set(currency, exponent);
  return exponent;
}

/** The amount in major units as an exact decimal string ("12.50", "1200", "1.250"), for Intl to format without floating point. */
export function majorUnits(money: Money): string {
  const exponent = minorUnitExponent(money.currency);
  const sign = money.minor < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(money.minor))).padStart(exponent + 1, '0');
  return sign + (exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`);
}

/** "GBP 12.50", "JPY 1200", "KWD 1.250": the code, then the amount in major units, no grouping. */
export function formatMoney(money: Money): string {
  return `${money.currency} ${majorUnits(money)}`;
}

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Checks an instalment plan against the `total` it pays off: at least two instalments,
 * `count` = number of amounts = number of due dates, every amount a positive whole number of
 * minor units in the total's currency, due dates real ISO dates in strictly increasing order,
 * and the amounts summing exactly to the total. Throws `invalid-command` with every problem,
 * each against its path under `path` (default "instalments").
 */
export function validateInstalments(total: Money, plan: InstalmentPlan, path = 'instalments'): void {
  const violations: RuleViolation[] = [];
  if (!isRecord(plan)) {
    throw new ComplaintRuleError('invalid-command', 'invalid instalment plan', [{ path, message: 'expected {count, amounts, dueDates}' }]);
  }
  const amounts: unknown[] = Array.isArray(plan.amounts) ? plan.amounts : [];
  const dueDates: unknown[] = Array.isArray(plan.dueDates) ? plan.dueDates : [];
  if (!Array.isArray(plan.amounts)) violations.push({ path: `${path}.amounts`, message: 'expected a list of amounts' });
  if (!Array.isArray(plan.dueDates)) violations.push({ path: `${path}.dueDates`, message: 'expected a list of ISO dates' });

  if (typeof plan.count !== 'number' || !Number.isInteger(plan.count) || plan.count < 2) {
    violations.push({ path: `${path}.count`, message: 'an instalment plan needs at least 2 instalments' });
  } else {
    if (Array.isArray(plan.amounts) && amounts.length !== plan.count) {
      violations.push({ path: `${path}.amounts`, message: `expected ${plan.count} amounts, got ${amounts.length}` });
    }
    if (Array.isArray(plan.dueDates) && dueDates.length !== plan.count) {
      violations.push({ path: `${path}.dueDates`, message: `expected ${plan.count} due dates, got ${dueDates.length}` });
    }
  }

  let sum = 0;
  let summable = true;
  amounts.forEach((amount, index) => {
    const at = `${path}.amounts.${index}`;
    const problems = moneyViolations(amount, at);
    if (problems.length) {
      violations.push(...problems);
      summable = false;
      return;
    }
    const money = amount as Money;
    if (money.currency !== total.currency) {
      violations.push({ path: `${at}.currency`, message: `expected ${total.currency}, the currency of the total` });
      summable = false;
    }
    if (money.minor <= 0) violations.push({ path: `${at}.minor`, message: 'every instalment must be more than zero' });
    sum += money.minor;
  });
  if (summable && amounts.length && !Number.isSafeInteger(sum)) {
    violations.push({ path: `${path}.amounts`, message: 'the instalments add up to more than a safe integer' });
  } else if (summable && amounts.length && sum !== total.minor) {
    violations.push({
      path: `${path}.amounts`,
      message: `the instalments add up to ${formatMoney({ minor: sum, currency: total.currency })}, not ${formatMoney(total)}`,
    });
  }

  dueDates.forEach((date, index) => {
    const at = `${path}.dueDates.${index}`;
    if (!isIsoDate(date)) {
      violations.push({ path: at, message: 'expected a date "YYYY-MM-DD"' });
      return;
    }
    const previous = dueDates[index - 1];
    if (index > 0 && isIsoDate(previous) && date <= previous) {
      violations.push({ path: at, message: `must be after the previous due date ${previous}` });
    }
  });

  if (violations.length) throw new ComplaintRuleError('invalid-command', 'invalid instalment plan', violations);
}
