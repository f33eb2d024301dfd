/**
 * What a chaos run does and when: the open-loop load (cases per second, how many), the
 * per-key rate limit the APIs run with, the overload burst above it, and the faults, each
 * at a second of the load. `--quick` is the small plan `npm test` runs; the full plan is the
 * issue's 10,000 cases with at least ten worker kills.
 */

export type FaultKind =
  | 'worker-kill'
  | 'api-kill'
  | 'temporal-restart'
  | 'postgres-restart'
  | 'webhook-fail'
  | 'webhook-hang'
  | 'webhook-slow'
  | 'overload';

export interface PlannedFault {
  kind: FaultKind;
  /** seconds after the load began */
  at: number;
  /** which API or worker (0 or 1) for the kills */
  target?: number;
  /** how long the fault lasts: a server's or process's downtime, a receiver phase, the burst */
  seconds: number;
}

export interface ChaosPlan {
  mode: 'quick' | 'full';
  /** cases arriving at the steady rate (the burst adds its own) */
  cases: number;
  ratePerSecond: number;
  /** RATE_LIMIT of both APIs: requests per key per second in each API process */
  rateLimitPerSecond: number;
  /** the overload burst: complaints per second across both APIs while it lasts (its window is the `overload` fault) */
  burstRatePerSecond: number;
  faults: PlannedFault[];
  /** a signed checkpoint is asked for this often during the load (auditor key) */
  checkpointEverySeconds: number;
  /** how long the load may take to drain after the last arrival before the audit goes ahead anyway */
  drainTimeoutSeconds: number;
  /** a case whose lifecycle has not ended this long after it arrived is given up by the driver */
  caseDeadlineSeconds: number;
  /** the longest pause for thought between two steps of a case */
  thinkSeconds: number;
  /** the timeline's buckets */
  bucketSeconds: number;
  /** how many workflow histories the audit replays at most (undefined: every one) */
  replaySample: number | undefined;
}

const QUICK: ChaosPlan = {
  mode: 'quick',
  cases: 160,
  ratePerSecond: 2,
  rateLimitPerSecond: 10,
  burstRatePerSecond: 40,
  // the first 17 s are the normal stretch the overload figures compare with
  faults: [
    { kind: 'overload', at: 22, seconds: 2 },
    { kind: 'worker-kill', at: 30, target: 0, seconds: 1 },
    { kind: 'webhook-fail', at: 32, seconds: 8 },
    { kind: 'temporal-restart', at: 40, seconds: 3 },
    { kind: 'webhook-hang', at: 48, seconds: 12 },
    { kind: 'worker-kill', at: 52, target: 1, seconds: 1 },
    { kind: 'postgres-restart', at: 60, seconds: 2 },
    { kind: 'api-kill', at: 66, target: 0, seconds: 2 },
    { kind: 'webhook-slow', at: 68, seconds: 10 },
    { kind: 'worker-kill', at: 74, target: 0, seconds: 1 },
  ],
  checkpointEverySeconds: 30,
  drainTimeoutSeconds: 240,
  caseDeadlineSeconds: 240,
  thinkSeconds: 1,
  bucketSeconds: 2,
  replaySample: undefined,
};

/** A normal first minute; then worker kills every 120 s, alternating, the other faults between them, the burst in a quiet stretch of its own. */
function fullFaults(): PlannedFault[] {
  const faults: PlannedFault[] = [];
  for (let i = 0; i < 12; i += 1) faults.push({ kind: 'worker-kill', at: 60 + i * 120, target: i % 2, seconds: 1 });
  faults.push(
    { kind: 'webhook-fail', at: 120, seconds: 30 },
    { kind: 'api-kill', at: 160, target: 0, seconds: 2 },
    { kind: 'temporal-restart', at: 260, seconds: 5 },
    { kind: 'overload', at: 480, seconds: 4 },
    { kind: 'postgres-restart', at: 620, seconds: 3 },
    { kind: 'webhook-hang', at: 700, seconds: 30 },
    { kind: 'api-kill', at: 820, target: 1, seconds: 2 },
    { kind: 'webhook-slow', at: 900, seconds: 40 },
    { kind: 'temporal-restart', at: 1_030, seconds: 5 },
    { kind: 'postgres-restart', at: 1_150, seconds: 3 },
    { kind: 'api-kill', at: 1_270, target: 0, seconds: 2 },
  );
  return faults.sort((a, b) => a.at - b.at);
}

/** 9,520 steady arrivals and the burst's 480: 10,000 complaints. */
const FULL: ChaosPlan = {
  mode: 'full',
  cases: 9_520,
  ratePerSecond: 6,
  rateLimitPerSecond: 25,
  burstRatePerSecond: 120,
  faults: fullFaults(),
  checkpointEverySeconds: 120,
  drainTimeoutSeconds: 600,
  caseDeadlineSeconds: 600,
  thinkSeconds: 1,
  bucketSeconds: 10,
  // ~8 histories/s replay here: every one of 10,000 would take 20 min
  replaySample: 1_500,
};

export function chaosPlan(quick: boolean): ChaosPlan {
  return quick ? QUICK : FULL;
}

/** The seconds the steady arrivals take. */
export function loadSeconds(plan: ChaosPlan): number {
  return plan.cases / plan.ratePerSecond;
}

/** The complaints the burst adds. */
export function burstCases(plan: ChaosPlan): number {
  const burst = plan.faults.find((fault) => fault.kind === 'overload');
  return burst ? Math.round(burst.seconds * plan.burstRatePerSecond) : 0;
}
