/**
 * What-if replay: one past case run again under a candidate policy, with the same pure
 * domain code the workflow runs, side by side with what happened.
 *
 * What people did stays as it was recorded, at the times it was recorded (they would have
 * acted as they did); what the engine decided from the clock is decided again under the
 * candidate's calendar, deadlines and escalation ladder. So:
 * - the acknowledgment's deadlines (and the first promise) are computed again from the
 *   candidate (`acknowledgmentDeadlines`, as intake computes them);
 * - the events the deadline timers decided (`PromiseWarning`, `PromiseBroken` when due,
 *   `HandoffExpired`, and the escalations for severity, an unassigned case, inactivity, a
 *   promise warned or broken, an expired handoff) are left out, and the case's timers of
 *   those kinds fire again under the candidate (`caseTimers` / `decideTimer`), each before
 *   the first recorded event after it, as the workflow acts on a deadline once it passes;
 * - a recorded event settling a promise the candidate had already broken is left out;
 * - the approval deadline and the satisfaction window stay as recorded (they decide how a
 *   case ends, which the replay does not change).
 *
 * Figures count what falls in the window [from, to) (and before `now`): promises broken, promise warnings,
 * escalations (any reason, as the case's escalations count), and regulatory final-response
 * deadlines falling in the window that the case's first final response missed (or that
 * passed with none while the case was open).
 */
import type { BusinessCalendar } from '../calendar/business-calendar';
import { evolve, type ComplaintState, type EventForFold } from '../case/complaint-state';
import { acknowledgmentDeadlines } from '../deadlines/intake-deadlines';
import { caseTimers, decideTimer, type CaseTimer } from '../deadlines/case-timers';
import { SYSTEM_ACTOR, type EscalationReason, type NewEvent } from '../events/complaint-events';
import type { Policy } from '../policy/policy-schema';

export interface WhatIfFigures {
  promisesBroken: number;
  warnings: number;
  escalations: number;
  regulatoryMissed: number;
}

export interface CaseReplay {
  caseId: string;
  reference: string;
  category: string;
  actual: WhatIfFigures;
  whatIf: WhatIfFigures;
}

export interface ReplayWindow {
  from: Date;
  to: Date;
  /** when the replay is made: no deadline after it is acted on (nor was one, in what happened) */
  now: Date;
}

export const noFigures = (): WhatIfFigures => ({ promisesBroken: 0, warnings: 0, escalations: 0, regulatoryMissed: 0 });

export function addFigures(into: WhatIfFigures, more: WhatIfFigures): WhatIfFigures {
  into.promisesBroken += more.promisesBroken;
  into.warnings += more.warnings;
  into.escalations += more.escalations;
  into.regulatoryMissed += more.regulatoryMissed;
  return into;
}

/** The timers whose decisions the replay makes again. */
const REPLAYED_TIMERS = new Set<CaseTimer['kind']>(['severity', 'unassigned', 'inactivity', 'promise-warning', 'promise-breach', 'handoff-expiry']);
/** The escalations those timers decide. */
const TIMER_ESCALATIONS = new Set<EscalationReason>(['severity', 'unassigned', 'inactivity', 'promise-warning', 'promise-breached', 'handoff-expired']);


/** A recorded event the candidate's timers decide again. */
function decidedByTimer(event: NewEvent): boolean {
  switch (event.type) {
    case 'PromiseWarning':
    case 'HandoffExpired':
      return true;
    case 'PromiseBroken':
      return (event.data.reason ?? 'due') === 'due';
    case 'Escalated':
      return TIMER_ESCALATIONS.has(event.data.reason);
    default:
      return false;
  }
}

/** A recorded event settling a promise the replay no longer has open. */
function settlesSettledPromise(state: ComplaintState | null, event: NewEvent): boolean {
  if (event.type !== 'PromiseKept' && event.type !== 'PromiseBroken') return false;
  const promise = state?.promises.find((p) => p.promiseId === event.data.promiseId);
  return promise !== undefined && promise.status !== 'open';
}

const timerKey = (timer: CaseTimer) => `${timer.kind}:${'promiseId' in timer ? timer.promiseId : 'handoffId' in timer ? timer.handoffId : ''}:${timer.at.toISOString()}`;

function counter(window: ReplayWindow) {
  const inWindow = (at: string) => {
    const t = Date.parse(at);
    return t >= window.from.getTime() && t < window.to.getTime();
  };
  return (figures: WhatIfFigures, event: NewEvent) => {
    if (!inWindow(event.occurredAt)) return;
    if (event.type === 'PromiseBroken') figures.promisesBroken += 1;
    if (event.type === 'PromiseWarning') figures.warnings += 1;
    if (event.type === 'Escalated') figures.escalations += 1;
  };
}

/**
 * 1 when the regulatory deadline falls in the window (and before now) and the case's first
 * final response came after it, or none came and the case was still open at it (a case
 * withdrawn or merged before its deadline owes no final response).
 */
function regulatoryMissed(finalResponseBy: string | undefined, answeredAt: string | undefined, window: ReplayWindow): number {
  if (!finalResponseBy) return 0;
  const due = Date.parse(finalResponseBy);
  if (due < window.from.getTime() || due >= Math.min(window.to.getTime(), window.now.getTime())) return 0;
  return answeredAt === undefined || Date.parse(answeredAt) > due ? 1 : 0;
}

/**
 * Replay one case's recorded events (in stream order) under the candidate policy and
 * calendar, up to the end of the window; the figures of both, counted in the window.
 */
export function replayUnderPolicy(events: readonly NewEvent[], candidate: { policy: Policy; calendar: BusinessCalendar }, window: ReplayWindow): CaseReplay {
  const { policy, calendar } = candidate;
  const count = counter(window);
  const actual = noFigures();
  const whatIf = noFigures();
  let state: ComplaintState | null = null;
  const fold = (event: NewEvent) => {
    state = evolve(state, { ...event, hash: '' } as EventForFold);
  };
  const fired = new Set<string>();
  let ids = 0;
  const newId = () => `what-if-${(ids += 1)}`;

  /** Act, as the workflow would, on every replayed deadline passed by `until`. */
  const passTime = (until: number) => {
    for (;;) {
      const current = state as ComplaintState | null;
      if (!current) return;
      const due = caseTimers(current, policy, calendar)
        .filter((timer) => REPLAYED_TIMERS.has(timer.kind) && !fired.has(timerKey(timer)) && timer.at.getTime() <= until)
        .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
      if (!due) return;
      fired.add(timerKey(due));
      for (const decided of decideTimer(current, due, { actor: SYSTEM_ACTOR, now: due.at, newId, policy, calendar })) {
        count(whatIf, decided);
        fold(decided);
      }
    }
  };

  let recordedFinalResponseBy: string | undefined;
  /** the first final response, or the closure of a case closed without one */
  let answeredAt: string | undefined;
  for (const event of events) {
    count(actual, event);
    if (event.type === 'ComplaintAcknowledged') recordedFinalResponseBy = event.data.deadlines.finalResponseBy;
    if (event.type === 'ResolutionIssued' || event.type === 'ComplaintClosed') answeredAt ??= event.occurredAt;
    if (decidedByTimer(event)) continue;
    passTime(Date.parse(event.occurredAt));
    if (settlesSettledPromise(state, event)) {
      continue;
    }
    if (event.type === 'ComplaintAcknowledged') {
      const received = (state as ComplaintState | null)!;
      const again = acknowledgmentDeadlines(policy, calendar, {
        severity: received.severity,
        category: received.category,
        receivedAt: new Date(received.receivedAt),
      });
      fold({ ...event, data: { ...event.data, severity: again.severity, deadlines: again.deadlines } });
      continue;
    }
    count(whatIf, event);
    fold(event);
  }
  passTime(Math.min(window.to.getTime(), window.now.getTime()));

  const replayed = state as ComplaintState | null;
  if (!replayed) throw new Error('a case without events cannot be replayed');
  actual.regulatoryMissed = regulatoryMissed(recordedFinalResponseBy, answeredAt, window);
  whatIf.regulatoryMissed = regulatoryMissed(replayed.deadlines?.finalResponseBy, answeredAt, window);
  return { caseId: replayed.id, reference: replayed.reference, category: replayed.category, actual, whatIf };
}
