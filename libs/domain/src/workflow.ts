// libs/domain's front door for workflow code: all of the domain that may run in Temporal's
// sandbox, so all the workflow bundle loads. It leaves out the policy's parser and schema (yaml,
// zod) and the public-holiday library, which the index adds for everyone else.
export * from './case/complaint-state';
export * from './case/complaint-values';
export * from './case/case-changes';
export * from './case/fold-action';
export * from './commands/add-note';
export * from './errors/complaint-rule-error';
export * from './events/complaint-events';
export * from './events/upcasters';
export * from './intake/decide-intake';
export * from './calendar/calendar-spec';
export * from './calendar/business-calendar';
export * from './calendar/working-duration';
export * from './deadlines/intake-deadlines';
export { isSeverity, maxSeverity, severityRank } from './deadlines/severity';
export * from './assignment/assignment';
export * from './commands/case-guards';
export * from './commands/decision-context';
export * from './deadlines/case-timers';
export * from './deadlines/sla-clock';
export * from './escalation/escalation-ladder';
export * from './escalation/request-escalation';
export * from './investigation/information-requests';
export * from './investigation/record-contact';
export * from './promises/promise-ledger';
export * from './duplicates/merge';
export * from './notifications/notifications';
export * from './commands/closure';
export * from './compensation/compensation-decisions';
export * from './resolution/resolution-decisions';
export * from './compensation/money';
export * from './compensation/authority';
export * from './compensation/approval-eligibility';
export * from './correspondence/correspondence-check';
export type { CategoryOverride, Policy, PolicyCalendar, SeverityDeadlines } from './policy/policy-schema';
