/**
 * Authority to approve compensation (service principle 9; CONTRACT.md, compensation
 * proposals). The policy's `approvals` is an ordered ladder of rungs `{role, limits}`, each
 * limit in minor units per ISO 4217 currency, `null` meaning no limit. A currency missing
 * from a rung's limits means that rung cannot approve amounts in it. An amount needs the
 * FIRST rung whose limit covers it; up to the first rung's limit it is approved at once.
 * Rungs are numbered from 0, the position in `policy.approvals`.
 * Four eyes (never the proposer) is the command's rule, not this module's.
 */
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import type { Policy } from '../policy/policy-schema';
import { formatMoney, parseMoney, type Money } from './money';

/** A rung of the approval ladder: its role and its position (0 = first rung). */
export interface ApprovalRung {
  role: string;
  rung: number;
}

type Ladder = Policy['approvals'];

/** The limit of one rung in `currency`: a number, null (no limit), or undefined (not listed). */
function rungLimit(rung: Ladder[number], currency: string): number | null | undefined {
  return Object.hasOwn(rung.limits, currency) ? rung.limits[currency] : undefined;
}

/** Whether a limit covers the amount; malformed money (negative, fractional) is covered by none. */
function covers(limit: number | null | undefined, amount: Money): boolean {
  if (!Number.isSafeInteger(amount.minor) || amount.minor < 0) return false;
  return limit === null || (typeof limit === 'number' && amount.minor <= limit);
}

/**
 * The lowest rung that may approve `amount`. Throws `invalid-command` for malformed money
 * and `not-permitted` when no rung covers it (the currency is not on the ladder, or the
 * amount is above every limit).
 */
export function requiredRole(policy: Pick<Policy, 'approvals'>, amount: Money): ApprovalRung {
  const money = parseMoney(amount);
  const index = policy.approvals.findIndex((rung) => covers(rungLimit(rung, money.currency), money));
  if (index >= 0) return { role: policy.approvals[index].role, rung: index };
  const listed = policy.approvals.some((rung) => rungLimit(rung, money.currency) !== undefined);
  if (!listed) {
    throw new ComplaintRuleError('not-permitted', `no role may approve compensation in ${money.currency}`, [
      { path: 'amount.currency', message: `${money.currency} is not a currency on the policy's approval ladder` },
    ]);
  }
  throw new ComplaintRuleError('not-permitted', `no role may approve ${formatMoney(money)}`, [
    { path: 'amount.minor', message: `${formatMoney(money)} is above every approval limit in the policy` },
  ]);
}

/**
 * The approval limit of `role` in `currency`: minor units, `null` for no limit, `undefined`
 * when the role is not on the ladder or the currency is not listed for it. A role listed on
 * several rungs counts at its first.
 */
export function approvalLimit(policy: Pick<Policy, 'approvals'>, role: string, currency: string): number | null | undefined {
  const rung = policy.approvals.find((candidate) => candidate.role === role);
  return rung ? rungLimit(rung, currency) : undefined;
}

/** Whether `role`'s own limit covers `amount` (whoever proposed it; four eyes is checked elsewhere). */
export function canApprove(policy: Pick<Policy, 'approvals'>, role: string, amount: Money): boolean {
  return covers(approvalLimit(policy, role, amount.currency), amount);
}

/**
 * The rung above `rung`, for escalating an approval whose deadline passed; `null` at the top.
 * Given the `amount`, skips rungs that could not approve it (a currency missing from them).
 */
export function nextApprovalRung(policy: Pick<Policy, 'approvals'>, rung: number, amount?: Money): ApprovalRung | null {
  for (let index = Math.max(0, Math.floor(rung) + 1); index < policy.approvals.length; index++) {
    const candidate = policy.approvals[index];
    if (!amount || covers(rungLimit(candidate, amount.currency), amount)) return { role: candidate.role, rung: index };
  }
  return null;
}

/** A sentence for a 403: "manager may approve up to EUR 1000.00". */
export function describeLimit(policy: Pick<Policy, 'approvals'>, role: string, currency: string): string {
  if (!policy.approvals.some((rung) => rung.role === role)) return `${role} may not approve compensation`;
  const limit = approvalLimit(policy, role, currency);
  if (limit === undefined) return `${role} may not approve compensation in ${currency}`;
  if (limit === null) return `${role} may approve any amount in ${currency}`;
  return `${role} may approve up to ${formatMoney({ minor: limit, currency })}`;
}
