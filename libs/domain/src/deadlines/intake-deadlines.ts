// The deadlines a complaint gets when it is accepted, from the policy and the business
// calendar. They depend on severity and category only: there is deliberately no customer
// segment or value in the input, so every customer gets the same deadlines.
//   - internal (SLA) deadlines are working time from receipt: acknowledge, first contact,
//     first update (update interval), promised resolution and its warning point;
//   - the regulatory final-response deadline runs from receipt in calendar or business
//     counting as the policy says, and is never paused.
import type { BusinessCalendar } from '../calendar/business-calendar';
import type { CaseDeadlines } from '../case/complaint-values';
import type { Policy, SeverityDeadlines } from '../policy/policy-schema';
import { maxSeverity } from './severity';
import type { Severity } from './severity';

export interface IntakeDeadlineInput {
  readonly severity: Severity;
  readonly category: string;
  readonly receivedAt: Date;
}

export interface IntakeDeadlines {
  /** The severity after the category's `severityAtLeast` floor. */
  readonly severity: Severity;
  readonly acknowledgeBy: Date;
  readonly firstContactBy: Date;
  /** receivedAt + updateInterval: by when the case must first be touched. */
  readonly updateBy: Date;
  readonly promisedResolutionBy: Date;
  /** receivedAt + warningAt × (working time from receipt to promisedResolutionBy). */
  readonly promiseWarningAt: Date;
  readonly finalResponseBy: Date;
}

/** The four internal deadline durations for a severity in a category, category overrides applied. */
export function deadlineDurations(policy: Policy, severity: Severity, category: string): SeverityDeadlines {
  const base = policy.severities[severity];
  const override = policy.categories?.[category];
  return {
    acknowledge: override?.acknowledge ?? base.acknowledge,
    firstContact: override?.firstContact ?? base.firstContact,
    updateInterval: override?.updateInterval ?? base.updateInterval,
    resolution: override?.resolution ?? base.resolution,
  };
}

/** The severity a complaint is handled at: the stated one, raised to its category's floor. */
export function effectiveSeverity(policy: Policy, severity: Severity, category: string): Severity {
  return maxSeverity(severity, policy.categories?.[category]?.severityAtLeast);
}

/** The regulatory final-response deadline for a complaint received at `receivedAt`. */
export function finalResponseDeadline(policy: Policy, calendar: BusinessCalendar, receivedAt: Date): Date {
  const { finalResponse, counting } = policy.regulatory;
  return counting === 'business'
    ? calendar.addWorkingTime(receivedAt, finalResponse)
    : calendar.addCalendarTime(receivedAt, finalResponse);
}

export function computeIntakeDeadlines(
  policy: Policy,
  calendar: BusinessCalendar,
  input: IntakeDeadlineInput,
): IntakeDeadlines {
  const { receivedAt, category } = input;
  const severity = effectiveSeverity(policy, input.severity, category);
  const durations = deadlineDurations(policy, severity, category);
  const promisedResolutionBy = calendar.addWorkingTime(receivedAt, durations.resolution);
  const promiseSpan = calendar.workingMillisBetween(receivedAt, promisedResolutionBy);
  return {
    severity,
    acknowledgeBy: calendar.addWorkingTime(receivedAt, durations.acknowledge),
    firstContactBy: calendar.addWorkingTime(receivedAt, durations.firstContact),
    updateBy: calendar.addWorkingTime(receivedAt, durations.updateInterval),
    promisedResolutionBy,
    promiseWarningAt: calendar.addWorkingMillis(receivedAt, Math.floor(promiseSpan * policy.warningAt)),
    finalResponseBy: finalResponseDeadline(policy, calendar, receivedAt),
  };
}

/** The deadlines as the acknowledgment records them (ISO instants), with the severity they were computed for. */
export function acknowledgmentDeadlines(
  policy: Policy,
  calendar: BusinessCalendar,
  input: IntakeDeadlineInput,
): { severity: Severity; deadlines: CaseDeadlines } {
  const deadlines = computeIntakeDeadlines(policy, calendar, input);
  return {
    severity: deadlines.severity,
    deadlines: {
      acknowledgeBy: deadlines.acknowledgeBy.toISOString(),
      firstContactBy: deadlines.firstContactBy.toISOString(),
      updateBy: deadlines.updateBy.toISOString(),
      promiseWarningAt: deadlines.promiseWarningAt.toISOString(),
      promisedResolutionBy: deadlines.promisedResolutionBy.toISOString(),
      finalResponseBy: deadlines.finalResponseBy.toISOString(),
    },
  };
}
