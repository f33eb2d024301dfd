// Money in integer minor units and instalment plans that add up exactly.
import fc from 'fast-check';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { formatMoney, minorUnitExponent, parseMoney, validateInstalments, type InstalmentPlan, type Money } from './money';

function refusal(act: () => unknown): ComplaintRuleError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(ComplaintRuleError);
    return error as ComplaintRuleError;
  }
  throw new Error('expected a refusal');
}

const eur = (minor: number): Money => ({ minor, currency: 'EUR' });

describe('money', () => {
  describe('parseMoney', () => {
    it('accepts whole minor units with an ISO 4217 code, keeping only those fields', () => {
      expect(parseMoney({ minor: 1250, currency: 'GBP', note: 'x' })).toEqual({ minor: 1250, currency: 'GBP' });
      expect(parseMoney({ minor: 0, currency: 'PLN' })).toEqual({ minor: 0, currency: 'PLN' });
      expect(Object.is(parseMoney({ minor: -0, currency: 'PLN' }).minor, 0)).toBe(true);
    });

    it.each([
      [{ minor: 12.5, currency: 'EUR' }, 'amount.minor', /no fractions/],
      [{ minor: -1, currency: 'EUR' }, 'amount.minor', /negative/],
      [{ minor: Number.MAX_SAFE_INTEGER + 1, currency: 'EUR' }, 'amount.minor', /safe integer/],
      [{ minor: Number.NaN, currency: 'EUR' }, 'amount.minor', /whole number/],
      [{ minor: Infinity, currency: 'EUR' }, 'amount.minor', /whole number/],
      [{ minor: '1250', currency: 'EUR' }, 'amount.minor', /whole number/],
      [{ minor: 100, currency: 'eur' }, 'amount.currency', /ISO 4217/],
      [{ minor: 100, currency: 'EURO' }, 'amount.currency', /ISO 4217/],
      [{ minor: 100 }, 'amount.currency', /ISO 4217/],
      [12.5, 'amount', /minor, currency/],
      [null, 'amount', /minor, currency/],
    ])('refuses %p at %s', (value, path, message) => {
      const error = refusal(() => parseMoney(value));
      expect(error.code).toBe('invalid-command');
      expect(error.violations).toContainEqual({ path, message: expect.stringMatching(message) });
    });

    it('names every bad field under the given path', () => {
      const error = refusal(() => parseMoney({ minor: -5.5, currency: 'zł' }, 'instalments.amounts.1'));
      expect(error.violations.map((v) => v.path)).toEqual(['instalments.amounts.1.minor', 'instalments.amounts.1.currency']);
    });

    it('never yields a negative or fractional amount, whatever the input (property)', () => {
      fc.assert(
        fc.property(fc.oneof(fc.double(), fc.integer(), fc.bigInt().map(Number), fc.constant(-0)), fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('EUR', 'PLN', 'ILS')), (minor, currency) => {
          let money: Money | undefined;
          try {
            money = parseMoney({ minor, currency });
          } catch (error) {
            expect(error).toBeInstanceOf(ComplaintRuleError);
            return;
          }
          expect(Number.isSafeInteger(money.minor)).toBe(true);
          expect(money.minor).toBeGreaterThanOrEqual(0);
          expect(Object.is(money.minor, -0)).toBe(false);
          expect(money.currency).toMatch(/^[A-Z]{3}$/);
        }),
      );
    });
  });

  describe('formatMoney', () => {
    it('uses the currency minor-unit exponent', () => {
      expect(formatMoney({ minor: 1250, currency: 'GBP' })).toBe('GBP 12.50');
      expect(formatMoney({ minor: 5, currency: 'EUR' })).toBe('EUR 0.05');
      expect(formatMoney({ minor: 100000, currency: 'EUR' })).toBe('EUR 1000.00');
      expect(formatMoney({ minor: 1200, currency: 'JPY' })).toBe('JPY 1200');
      expect(formatMoney({ minor: 1250, currency: 'KWD' })).toBe('KWD 1.250');
      expect(formatMoney({ minor: 0, currency: 'PLN' })).toBe('PLN 0.00');
      expect(formatMoney({ minor: Number.MAX_SAFE_INTEGER, currency: 'ILS' })).toBe('ILS 90071992547409.91');
    });

    it('falls back to two digits for an unknown code', () => {
      expect(minorUnitExponent('QQQ')).toBe(2);
      expect(formatMoney({ minor: 1, currency: 'QQQ' })).toBe('QQQ 0.01');
    });

    it('round-trips the minor units exactly (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom('EUR', 'JPY', 'KWD', 'PLN', 'ILS'), (minor, currency) => {
          const text = formatMoney({ minor, currency });
          expect(text.startsWith(`${currency} `)).toBe(true);
          expect(Number(text.slice(4).replace('.', ''))).toBe(minor);
        }),
      );
    });
  });

  describe('validateInstalments', () => {
    const plan = (amounts: number[], dueDates: string[], count = amounts.length): InstalmentPlan => ({ count, amounts: amounts.map(eur), dueDates });

    it('accepts a plan that adds up exactly with increasing dates', () => {
      expect(() => validateInstalments(eur(10000), plan([3334, 3333, 3333], ['2026-12-01', '2027-01-01', '2027-02-01']))).not.toThrow();
    });

    it('refuses a single instalment, a mismatched count, and a plan that does not add up, naming every problem', () => {
      expect(refusal(() => validateInstalments(eur(1000), plan([1000], ['2026-12-01']))).violations).toContainEqual({
        path: 'instalments.count',
        message: 'an instalment plan needs at least 2 instalments',
      });
      const error = refusal(() => validateInstalments(eur(10000), plan([3000, 3000], ['2026-12-01', '2026-12-01', '2027-01-01'], 3)));
      expect(error.violations).toEqual([
        { path: 'instalments.amounts', message: 'expected 3 amounts, got 2' },
        { path: 'instalments.amounts', message: 'the instalments add up to EUR 60.00, not EUR 100.00' },
        { path: 'instalments.dueDates.1', message: 'must be after the previous due date 2026-12-01' },
      ]);
    });

    it('refuses zero, fractional and foreign-currency instalments and impossible dates', () => {
      const error = refusal(() =>
        validateInstalments(eur(1000), {
          count: 4,
          amounts: [eur(0), eur(500.5), { minor: 499, currency: 'GBP' }, eur(1000)],
          dueDates: ['2026-12-01', '2027-02-30', '2027-03-01', '1 April'],
        }),
      );
      expect(error.violations.map((v) => v.path)).toEqual([
        'instalments.amounts.0.minor',
        'instalments.amounts.1.minor',
        'instalments.amounts.2.currency',
        'instalments.dueDates.1',
        'instalments.dueDates.3',
      ]);
    });

    it('holds exactly when the amounts sum to the total, and only then (property)', () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: 1_000_000_000 }), { minLength: 2, maxLength: 24 }),
          fc.integer({ min: -3, max: 3 }),
          (parts, delta) => {
            const total = eur(parts.reduce((sum, part) => sum + part, 0) + delta);
            const dueDates = parts.map((_, index) => `${2027 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`);
            const valid = (() => {
              try {
                validateInstalments(total, plan(parts, dueDates));
                return true;
              } catch (error) {
                expect((error as ComplaintRuleError).violations.map((v) => v.path)).toEqual(['instalments.amounts']);
                return false;
              }
            })();
            expect(valid).toBe(delta === 0);
          },
        ),
      );
    });
  });
});
