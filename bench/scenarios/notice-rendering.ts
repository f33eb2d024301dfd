/**
 * What writing the customer's notices costs, in process, on a quiet system: the intake
 * decision (which now renders the acknowledgment in the customer's language) under the
 * shipped policy, next to the same decision under the same policy without `notices` (the
 * same-run baseline); the dearest single notice (a Hebrew final response with two amounts,
 * bidi isolates and a plural); and the bytes a case's workflow start input carries (the
 * policy with the templates of the case's language only, vs without notices).
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { complaintWorkflowInput } from '../../libs/case-workflows/src';
import { loadPolicyFile, repoRoot } from '../../libs/config/src';
import {
  calendarFor,
  decideIntake,
  finalResponseNotice,
  foldEvents,
  type CaseCompensation,
  type IntakeCommand,
  type Policy,
  type RecordedEvent,
} from '../../libs/domain/src';

export interface NoticeRenderingFigures {
  /** µs per decideIntake, median of the rounds */
  intakeWithNoticesUs: number;
  intakeWithoutNoticesUs: number;
  /** µs per Hebrew final-response notice, median of the rounds */
  hebrewFinalResponseUs: number;
  startInputBytes: { withNotices: number; withoutNotices: number };
  rounds: number;
  callsPerRound: number;
}

const customers: IntakeCommand['customer'][] = [
  { id: 'c-pl', name: 'Agnieszka Wiśniewska', email: null, phone: null, segment: 'retail', language: 'pl-PL' },
  { id: 'c-he', name: 'נועה לוי', email: null, phone: null, segment: 'retail', language: 'he' },
  { id: 'c-en', name: 'Oliver Bennett', email: null, phone: null, segment: 'retail', language: 'en-GB' },
];

function command(index: number): IntakeCommand {
  return {
    customer: customers[index % customers.length],
    channel: 'email',
    category: 'billing',
    summary: 'Podwójne obciążenie karty',
    description: 'Zapłaciłam dwa razy za fakturę 2026/114.',
    severity: null,
    desiredOutcome: null,
    receivedAt: null,
    callbackUrl: 'https://intake.example/hooks',
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** µs per call of `run`, median over the rounds (after one warm-up round). */
function timed(rounds: number, calls: number, run: (index: number) => void): number {
  const perRound: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const started = performance.now();
    for (let index = 0; index < calls; index++) run(index);
    if (round > 0) perRound.push(((performance.now() - started) * 1000) / calls);
  }
  return Number(median(perRound).toFixed(1));
}

export function measureNoticeRendering(rounds: number, callsPerRound: number): NoticeRenderingFigures {
  const withNotices = loadPolicyFile(path.join(repoRoot(), 'policies/default.yaml'));
  const { notices: _notices, ...rest } = withNotices;
  const withoutNotices: Policy = rest;
  const calendar = calendarFor(withNotices.calendar);
  const decide = (policy: Policy) => (index: number) =>
    decideIntake(command(index), {
      complaintId: `case-${index}`,
      reference: `CR-2026-${String(index).padStart(6, '0')}`,
      now: new Date(Date.UTC(2026, 10, 24, 10, 0, index % 60)),
      actor: { principal: 'desk-1', role: 'intake' },
      policy,
      calendar,
      eventIds: [`e-${index}-1`, `e-${index}-2`],
    });
  // alternate, so that both see the same machine
  const intakeWith: number[] = [];
  const intakeWithout: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    intakeWithout.push(timed(rounds, callsPerRound, decide(withoutNotices)));
    intakeWith.push(timed(rounds, callsPerRound, decide(withNotices)));
  }

  const hebrewCase = decide(withNotices)(1);
  const state = foldEvents(hebrewCase.map((event) => ({ ...event, hash: 'h' })));
  const compensated = {
    ...state,
    compensation: [
      { proposalId: 'p-1', amount: { minor: 45_000, currency: 'ILS' }, status: 'approved' },
      { proposalId: 'p-2', amount: { minor: 12_050, currency: 'ILS' }, status: 'approved' },
    ] as unknown as CaseCompensation[],
  };
  const hebrewFinalResponseUs = timed(rounds, callsPerRound, (index) =>
    finalResponseNotice(compensated, withNotices, `n-${index}`, { outcome: 'partially_upheld', responseText: 'החזרנו את דמי המשלוח ואת ההפרש בחיוב.' }),
  );

  const history = hebrewCase.map((event, index) => ({ ...event, position: index + 1 })) as unknown as RecordedEvent[];
  const bytes = (policy: Policy) => Buffer.byteLength(JSON.stringify(complaintWorkflowInput('case-1', policy, history)));
  return {
    intakeWithNoticesUs: median(intakeWith),
    intakeWithoutNoticesUs: median(intakeWithout),
    hebrewFinalResponseUs,
    startInputBytes: { withNotices: bytes(withNotices), withoutNotices: bytes(withoutNotices) },
    rounds,
    callsPerRound,
  };
}
