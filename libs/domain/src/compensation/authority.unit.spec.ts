// Authority limits on compensation, against the shipped policies' approval ladder.
import fc from 'fast-check';
import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import { ComplaintRuleError, type ComplaintRuleCode } from '../errors/complaint-rule-error';
import type { Policy } from '../policy/policy-schema';
import { approvalLimit, canApprove, describeLimit, nextApprovalRung, requiredRole } from './authority';
import type { Money } from './money';

const { policy } = loadPolicy('default.yaml');
const eur = (minor: number): Money => ({ minor, currency: 'EUR' });

/** Given a policy, when an amount is proposed, then it is approved at once, needs a rung, or is refused. */
function given(ladder: Pick<Policy, 'approvals'>) {
  return {
    whenProposing(amount: Money) {
      return {
        thenApprovedAtOnce() {
          expect(requiredRole(ladder, amount)).toEqual({ role: ladder.approvals[0].role, rung: 0 });
        },
        thenNeeds(role: string, rung: number) {
          expect(requiredRole(ladder, amount)).toEqual({ role, rung });
        },
        thenRefuses(code: ComplaintRuleCode, path: string) {
          let refusal: unknown;
          try {
            requiredRole(ladder, amount);
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(ComplaintRuleError);
          expect((refusal as ComplaintRuleError).code).toBe(code);
          expect((refusal as ComplaintRuleError).violations.map((v) => v.path)).toContain(path);
        },
      };
    },
  };
}

describe('authority to approve compensation (default policy)', () => {
  it('approves up to the agent limit at once', () => {
    given(policy).whenProposing(eur(5000)).thenApprovedAtOnce();
    given(policy).whenProposing({ minor: 1, currency: 'GBP' }).thenApprovedAtOnce();
    given(policy).whenProposing({ minor: 0, currency: 'USD' }).thenApprovedAtOnce();
  });

  it('needs a manager one minor unit above the agent limit, up to the manager limit', () => {
    given(policy).whenProposing(eur(5001)).thenNeeds('manager', 1);
    given(policy).whenProposing({ minor: 100000, currency: 'GBP' }).thenNeeds('manager', 1);
  });

  it('needs a director above the manager limit, however large', () => {
    given(policy).whenProposing(eur(100001)).thenNeeds('director', 2);
    given(policy).whenProposing({ minor: Number.MAX_SAFE_INTEGER, currency: 'USD' }).thenNeeds('director', 2);
  });

  it('refuses a currency that is not on the ladder, and malformed money', () => {
    given(policy).whenProposing({ minor: 100, currency: 'PLN' }).thenRefuses('not-permitted', 'amount.currency');
    given(policy).whenProposing({ minor: 100, currency: 'ILS' }).thenRefuses('not-permitted', 'amount.currency');
    given(policy).whenProposing(eur(-1)).thenRefuses('invalid-command', 'amount.minor');
    given(policy).whenProposing(eur(12.5)).thenRefuses('invalid-command', 'amount.minor');
  });

  it('refuses an amount above every limit when no rung is unlimited', () => {
    const capped: Pick<Policy, 'approvals'> = { approvals: [{ role: 'agent', limits: { EUR: 5000 } }, { role: 'manager', limits: { EUR: 100000 } }] };
    given(capped).whenProposing(eur(100001)).thenRefuses('not-permitted', 'amount.minor');
  });

  it('skips a rung that does not list the currency', () => {
    const ladder: Pick<Policy, 'approvals'> = {
      approvals: [
        { role: 'agent', limits: { EUR: 5000, PLN: 20000 } },
        { role: 'manager', limits: { EUR: 100000 } },
        { role: 'director', limits: { EUR: null, PLN: null } },
      ],
    };
    given(ladder).whenProposing({ minor: 20001, currency: 'PLN' }).thenNeeds('director', 2);
    expect(nextApprovalRung(ladder, 0, { minor: 20001, currency: 'PLN' })).toEqual({ role: 'director', rung: 2 });
    expect(nextApprovalRung(ladder, 0)).toEqual({ role: 'manager', rung: 1 });
  });

  it('is the same on the seconds-scale test policy', () => {
    const fast = loadPolicy('test-fast.yaml').policy;
    given(fast).whenProposing(eur(5000)).thenApprovedAtOnce();
    given(fast).whenProposing(eur(5001)).thenNeeds('manager', 1);
    given(fast).whenProposing(eur(100001)).thenNeeds('director', 2);
  });

  it("reads each role's own limit", () => {
    expect(approvalLimit(policy, 'agent', 'EUR')).toBe(5000);
    expect(approvalLimit(policy, 'manager', 'GBP')).toBe(100000);
    expect(approvalLimit(policy, 'director', 'USD')).toBeNull();
    expect(approvalLimit(policy, 'director', 'PLN')).toBeUndefined();
    expect(approvalLimit(policy, 'auditor', 'EUR')).toBeUndefined();
  });

  it('lets a role approve only within its own limit', () => {
    expect(canApprove(policy, 'manager', eur(100000))).toBe(true);
    expect(canApprove(policy, 'manager', eur(100001))).toBe(false);
    expect(canApprove(policy, 'director', eur(100001))).toBe(true);
    expect(canApprove(policy, 'director', { minor: 1, currency: 'PLN' })).toBe(false);
    expect(canApprove(policy, 'admin', eur(1))).toBe(false);
    expect(canApprove(policy, 'director', eur(-1))).toBe(false);
    expect(canApprove(policy, 'director', eur(0.5))).toBe(false);
  });

  it('escalates an expired approval one rung, and not past the top', () => {
    expect(nextApprovalRung(policy, 0)).toEqual({ role: 'manager', rung: 1 });
    expect(nextApprovalRung(policy, 1)).toEqual({ role: 'director', rung: 2 });
    expect(nextApprovalRung(policy, 2)).toBeNull();
  });

  it('describes a limit for a 403', () => {
    expect(describeLimit(policy, 'manager', 'EUR')).toBe('manager may approve up to EUR 1000.00');
    expect(describeLimit(policy, 'agent', 'GBP')).toBe('agent may approve up to GBP 50.00');
    expect(describeLimit(policy, 'director', 'USD')).toBe('director may approve any amount in USD');
    expect(describeLimit(policy, 'manager', 'PLN')).toBe('manager may not approve compensation in PLN');
    expect(describeLimit(policy, 'auditor', 'EUR')).toBe('auditor may not approve compensation');
  });

  describe('properties', () => {
    const currency = fc.constantFrom('EUR', 'GBP', 'PLN');
    const limit = fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null });
    const rung = fc.record({
      role: fc.constantFrom('agent', 'manager', 'director', 'board'),
      limits: fc.dictionary(currency, limit, { maxKeys: 3 }),
    });
    const ladder = fc.array(rung, { minLength: 1, maxLength: 5 }).map((approvals) => ({ approvals }));

    function rungOrNull(approvals: Pick<Policy, 'approvals'>, amount: Money): number | null {
      try {
        return requiredRole(approvals, amount).rung;
      } catch (error) {
        expect((error as ComplaintRuleError).code).toBe('not-permitted');
        return null;
      }
    }

    it('never asks a lower rung for a larger amount (monotonic in the amount)', () => {
      fc.assert(
        fc.property(ladder, currency, fc.integer({ min: 0, max: 1_200_000 }), fc.integer({ min: 0, max: 1_200_000 }), (approvals, code, a, b) => {
          const [small, large] = a <= b ? [a, b] : [b, a];
          const forSmall = rungOrNull(approvals, { minor: small, currency: code });
          const forLarge = rungOrNull(approvals, { minor: large, currency: code });
          if (forLarge !== null) expect(forSmall).not.toBeNull();
          if (forLarge !== null && forSmall !== null) expect(forLarge).toBeGreaterThanOrEqual(forSmall);
        }),
      );
    });

    it('names a rung whose limit covers the amount, and no earlier rung does', () => {
      fc.assert(
        fc.property(ladder, currency, fc.integer({ min: 0, max: 1_200_000 }), (approvals, code, minor) => {
          const amount = { minor, currency: code };
          const found = rungOrNull(approvals, amount);
          const covering = approvals.approvals.map((r) => code in r.limits && (r.limits[code] === null || minor <= (r.limits[code] ?? 0)));
          expect(found).toBe(covering.includes(true) ? covering.indexOf(true) : null);
        }),
      );
    });

    it('on the default policy, each amount needs the agent, manager or director by its size', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom('EUR', 'GBP', 'USD'), (minor, code) => {
          const expected = minor <= 5000 ? 'agent' : minor <= 100000 ? 'manager' : 'director';
          expect(requiredRole(policy, { minor, currency: code }).role).toBe(expected);
          expect(canApprove(policy, expected, { minor, currency: code })).toBe(true);
        }),
      );
    });
  });
});
