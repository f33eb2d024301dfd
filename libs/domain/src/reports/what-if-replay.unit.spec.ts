/**
 * What-if replay on histories decided by the domain's own deciders on the seconds-scale
 * policy (normal severity: promised resolution 60 s after receipt, warned at 45 s, the
 * regulatory final response due at 2 min): replayed under that same policy it reproduces
 * what happened, case by case; under a candidate it breaks, warns, escalates and misses
 * what the candidate's deadlines say, and nothing else.
 */
import { CaseHistory } from '../../../../test/support/case-history';
import { loadPolicy } from '../../../../test/support/complaint-fixtures';
import { calendarFor } from '../calendar/public-holidays';
import type { Policy } from '../policy/policy-schema';
import { replayUnderPolicy, type ReplayWindow } from './what-if-replay';

const T0 = new Date(Date.UTC(2026, 9, 5, 9, 0, 0));
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const active = loadPolicy('test-fast.yaml');
const WHOLE: ReplayWindow = { from: T0, to: at(3_600), now: at(3_600) };

function candidate(change: (policy: Policy) => Policy) {
  const policy = change(structuredClone(active.policy));
  return { policy, calendar: calendarFor(policy.calendar) };
}

const withNormal = (deadlines: Partial<Policy['severities']['normal']>) =>
  candidate((p) => ({ ...p, severities: { ...p.severities, normal: { ...p.severities.normal, ...deadlines } } }));

const histories = () => [
  // answered in time: no warning, nothing broken
  new CaseHistory({ receivedAt: at(0) }).contact().resolve().answer(true),
  // resolved at 80 s: warned at 45 s, broken at 60 s (each escalating), then resolved
  new CaseHistory({ receivedAt: at(1) }).contact().wait(80).resolve().answer(true),
  // never contacted, resolved after 150 s: the regulatory deadline (2 min) missed too
  new CaseHistory({ receivedAt: at(2) }).wait(150).resolve('rejected').wait(25),
  // withdrawn with its promise open: broken as `closed`, which people decided, not the clock
  new CaseHistory({ receivedAt: at(3), category: 'delivery' }).contact().wait(20).withdraw(),
];

it('reproduces what happened, figure for figure, under the policy the cases ran under', () => {
  for (const history of histories()) {
    const replay = replayUnderPolicy(history.events, active, WHOLE);
    expect(replay.whatIf).toEqual(replay.actual);
  }
  const [inTime, late, missed, withdrawn] = histories().map((h) => replayUnderPolicy(h.events, active, WHOLE).actual);
  expect(inTime).toEqual({ promisesBroken: 0, warnings: 0, escalations: 0, regulatoryMissed: 0 });
  expect(late).toMatchObject({ promisesBroken: 1, warnings: 1, regulatoryMissed: 0 });
  expect(late.escalations).toBeGreaterThanOrEqual(2);
  expect(missed).toMatchObject({ promisesBroken: 1, warnings: 1, regulatoryMissed: 1 });
  expect(withdrawn).toMatchObject({ promisesBroken: 1, warnings: 0, regulatoryMissed: 0 });
});

it('under a resolution deadline of 2 min, the case resolved at 80 s keeps its promise and is never warned', () => {
  const lenient = withNormal({ resolution: 'PT120S', updateInterval: 'PT300S' });
  const late = histories()[1];
  const replay = replayUnderPolicy(late.events, lenient, WHOLE);
  expect(replay.actual).toMatchObject({ promisesBroken: 1, warnings: 1 });
  // the escalations the warning and the breach caused are gone; the others (the case was never taken) stay
  const promiseEscalations = late.events.filter((e) => e.type === 'Escalated' && ['promise-warning', 'promise-breached'].includes(e.data.reason)).length;
  expect(promiseEscalations).toBeGreaterThan(0);
  expect(replay.whatIf).toEqual({ promisesBroken: 0, warnings: 0, escalations: replay.actual.escalations - promiseEscalations, regulatoryMissed: 0 });
});

it('under a resolution deadline of 20 s, a case answered at 0 s is unchanged and one resolved later is warned and broken sooner', () => {
  const strict = withNormal({ resolution: 'PT20S' });
  const [inTime, , missed] = histories();
  expect(replayUnderPolicy(inTime.events, strict, WHOLE).whatIf).toEqual({ promisesBroken: 0, warnings: 0, escalations: 0, regulatoryMissed: 0 });
  const replay = replayUnderPolicy(missed.events, strict, WHOLE);
  expect(replay.whatIf).toMatchObject({ promisesBroken: 1, warnings: 1, regulatoryMissed: 1 });
});

it('misses the regulatory deadline under a candidate whose final response is due sooner', () => {
  const sooner = candidate((p) => ({ ...p, regulatory: { ...p.regulatory, finalResponse: 'PT60S' } }));
  const late = histories()[1];
  const replay = replayUnderPolicy(late.events, sooner, WHOLE);
  expect(replay.actual.regulatoryMissed).toBe(0);
  expect(replay.whatIf.regulatoryMissed).toBe(1);
});

it('counts only what falls in the window, and acts on no deadline after now', () => {
  const late = histories()[1];
  // the window closes at 50 s: the warning (46 s) is in it, the breach (61 s) is not
  expect(replayUnderPolicy(late.events, active, { from: T0, to: at(50), now: at(3_600) }).whatIf).toMatchObject({ warnings: 1, promisesBroken: 0 });
  // an open case replayed under a stricter policy at 10 s: nothing after 10 s is decided
  const open = new CaseHistory({ receivedAt: at(0) });
  const strict = withNormal({ resolution: 'PT20S' });
  expect(replayUnderPolicy(open.events, strict, { from: T0, to: at(3_600), now: at(10) }).whatIf).toMatchObject({ warnings: 0, promisesBroken: 0 });
  expect(replayUnderPolicy(open.events, strict, { from: T0, to: at(3_600), now: at(30) }).whatIf).toMatchObject({ warnings: 1, promisesBroken: 1 });
});
