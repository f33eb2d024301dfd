// Deadlines given to a complaint at intake, from the shipped policies.
import { calendarFor } from '../calendar/public-holidays';
import type { Policy } from '../policy/policy-schema';
import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import { computeIntakeDeadlines } from './intake-deadlines';

const load = (name: 'default.yaml' | 'test-fast.yaml'): Policy => loadPolicy(name).policy;

const defaultPolicy = load('default.yaml');
const fastPolicy = load('test-fast.yaml');
const london = calendarFor(defaultPolicy.calendar);
const utc = (iso: string): Date => new Date(iso);

describe('computeIntakeDeadlines', () => {
  describe('default policy (London office hours)', () => {
    it('given a normal complaint on Monday 16 Nov 2026 10:00, then every deadline follows working time', () => {
      const deadlines = computeIntakeDeadlines(defaultPolicy, london, {
        severity: 'normal',
        category: 'billing',
        receivedAt: utc('2026-11-16T10:00:00Z'),
      });
      expect(deadlines).toEqual({
        severity: 'normal',
        acknowledgeBy: utc('2026-11-16T10:01:00Z'),
        firstContactBy: utc('2026-11-17T10:00:00Z'),
        updateBy: utc('2026-11-18T10:00:00Z'),
        promisedResolutionBy: utc('2026-11-23T10:00:00Z'),
        // 42 working hours to the promise; 75% is 31.5 h: Mon 7.5 + Tue 8.5 + Wed 8.5 + Thu 7
        promiseWarningAt: utc('2026-11-19T16:00:00Z'),
        // regulatory: 56 calendar days, never paused
        finalResponseBy: utc('2027-01-11T10:00:00Z'),
      });
    });

    it('given a low complaint in the safety category, then it is handled as high', () => {
      const deadlines = computeIntakeDeadlines(defaultPolicy, london, {
        severity: 'low',
        category: 'safety',
        receivedAt: utc('2026-11-16T10:00:00Z'),
      });
      expect(deadlines.severity).toBe('high');
      expect(deadlines.firstContactBy).toEqual(utc('2026-11-16T14:00:00Z'));
      expect(deadlines.promisedResolutionBy).toEqual(utc('2026-11-19T10:00:00Z'));
    });

    it('given a complaint on Christmas Eve evening, then internal deadlines start after the holidays; the regulatory one does not wait', () => {
      const receivedAt = utc('2026-12-24T18:00:00Z');
      const deadlines = computeIntakeDeadlines(defaultPolicy, london, { severity: 'critical', category: 'x', receivedAt });
      expect(deadlines.acknowledgeBy).toEqual(utc('2026-12-29T09:01:00Z'));
      expect(deadlines.firstContactBy).toEqual(utc('2026-12-29T10:00:00Z'));
      expect(deadlines.finalResponseBy).toEqual(utc('2027-02-18T18:00:00Z'));
    });

    it('given a category with its own durations, then they replace the severity durations field by field', () => {
      const policy: Policy = {
        ...defaultPolicy,
        categories: { legal: { resolution: 'P10D' } },
        regulatory: { ...defaultPolicy.regulatory, finalResponse: 'P15D', counting: 'business' },
      };
      const deadlines = computeIntakeDeadlines(policy, london, {
        severity: 'normal',
        category: 'legal',
        receivedAt: utc('2026-11-16T10:00:00Z'),
      });
      expect(deadlines.firstContactBy).toEqual(utc('2026-11-17T10:00:00Z'));
      expect(deadlines.promisedResolutionBy).toEqual(utc('2026-11-30T10:00:00Z'));
      // 15 business days, counted in working time
      expect(deadlines.finalResponseBy).toEqual(utc('2026-12-07T10:00:00Z'));
    });
  });

  describe('test-fast policy (24x7)', () => {
    it('given a normal complaint, then deadlines are seconds of clock time away', () => {
      const calendar = calendarFor(fastPolicy.calendar);
      const receivedAt = utc('2026-11-21T23:59:50Z');
      const later = (seconds: number): Date => new Date(receivedAt.getTime() + seconds * 1000);
      expect(computeIntakeDeadlines(fastPolicy, calendar, { severity: 'normal', category: 'billing', receivedAt })).toEqual({
        severity: 'normal',
        acknowledgeBy: later(1),
        firstContactBy: later(20),
        updateBy: later(30),
        promisedResolutionBy: later(60),
        promiseWarningAt: later(45),
        finalResponseBy: later(120),
      });
    });
  });
});
