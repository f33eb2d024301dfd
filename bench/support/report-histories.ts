/**
 * Case histories for the report benchmark, decided by the domain's own deciders (as the
 * workflow decides them) on a clock the generator moves: each case is received at a time
 * spread over the generated months, in a category, segment, channel and language drawn from
 * fixed shares, and lives a drawn lifecycle — taken by an agent, contacted (late or not), a
 * call-back promised and kept or broken, its resolution promise revised, compensation proposed
 * (within the agent's limit: approved at once; above it: approved or rejected by a manager),
 * notes written, information asked of the customer and answered, resolved (upheld, partly, rejected), and answered (confirmed, declined and reopened, or left
 * to the satisfaction window), or withdrawn. Every deadline that passes on the way is acted on
 * as the workflow acts on it (warnings, broken promises, escalations). A case whose next step
 * would fall after `now` stops there: it stays open, as the latest cases of a real store are.
 *
 * Pure apart from the policy it is given: the draws come from a seeded generator, so a seed
 * gives the same cases (ids and times included) every time.
 */
import {
  CURRENT_SCHEMA_VERSION,
  ComplaintRuleError,
  decideAddNote,
  decideAssignment,
  decideCustomerMessage,
  decideCompensationDecision,
  decideIntake,
  decidePromiseCallback,
  decideProposeCompensation,
  decideRecordContact,
  decideRequestInformation,
  decideResolution,
  decideRevisePromise,
  decideSatisfaction,
  decideTimer,
  decideWithdrawal,
  evolve,
  nextTimer,
  type Actor,
  type BusinessCalendar,
  type Channel,
  type ComplaintState,
  type DecisionContext,
  type EventForFold,
  type NewEvent,
  type Policy,
  type Severity,
} from '../../libs/domain/src';

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uuid-shaped id from the generator (version 4 layout), so a seed gives the same ids. */
export function seededUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(random() * 4)];
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One of `shares` (value → weight), drawn. */
export function pick<T extends string | null>(random: () => number, shares: readonly (readonly [T, number])[]): T {
  const total = shares.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [value, weight] of shares) {
    at -= weight;
    if (at < 0) return value;
  }
  return shares[shares.length - 1][0];
}

export const CATEGORY_SHARES = [['billing', 30], ['delivery', 25], ['product', 20], ['service', 15], ['account', 7], ['safety', 3]] as const;
export const SEGMENT_SHARES = [['retail', 60], ['business', 25], ['premium', 10], [null, 5]] as const;
export const CHANNEL_SHARES = [['phone', 30], ['email', 25], ['web', 25], ['chat', 10], ['letter', 5], ['social', 5]] as const satisfies readonly (readonly [Channel, number])[];
export const LANGUAGE_SHARES = [['en', 70], ['pl', 20], ['he', 8], [null, 2]] as const;
export const SEVERITY_SHARES = [[null, 76], ['low', 10], ['high', 12], ['critical', 2]] as const satisfies readonly (readonly [Severity | null, number])[];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DESK: Actor = { principal: 'desk-1', role: 'intake' };
const AGENTS = Array.from({ length: 40 }, (_, i) => `agent-${String(i + 1).padStart(2, '0')}`);
const MANAGERS = Array.from({ length: 6 }, (_, i) => `manager-${i + 1}`);
const DIRECTORS = ['director-1', 'director-2'];
const RESPONSE =
  'We have refunded the duplicate charge to your card and corrected the invoice. If you are not satisfied with this final response, ' +
  'you may refer your complaint to the Financial Ombudsman Service within six months.';

export interface GeneratedCase {
  complaintId: string;
  /** the case's events in order, as the deciders decided them (ids, actors, times) */
  events: NewEvent[];
  open: boolean;
}

export interface HistoryOptions {
  policy: Policy;
  calendar: BusinessCalendar;
  /** cases are received uniformly in [from, to) */
  from: Date;
  to: Date;
  /** the generator stops a case at its first step after this time: it stays open */
  now: Date;
}

/**
 * One case: `index` numbers its reference (`CR-B-<index>`), `random` draws its profile and
 * lifecycle. Decisions a case's state refuses (a rule of the domain) are skipped, as a
 * person would be refused and move on; `refused` counts them.
 */
export function generateCase(index: number, random: () => number, options: HistoryOptions, refused = { count: 0 }): GeneratedCase {
  const { policy, calendar } = options;
  const complaintId = seededUuid(random);
  const receivedAt = new Date(options.from.getTime() + random() * (options.to.getTime() - options.from.getTime()));
  const events: NewEvent[] = [];
  let state: ComplaintState | null = null;
  let now = receivedAt;
  let open = true;
  const newId = () => seededUuid(random);
  const add = (decided: readonly NewEvent[]) => {
    for (const event of decided) {
      events.push(event);
      state = evolve(state, { ...event, hash: 'generated' } as EventForFold);
    }
  };
  const current = (): ComplaintState => state!;
  const context = (actor: Actor): DecisionContext => ({ actor, now, newId, policy, calendar });

  const language = pick(random, LANGUAGE_SHARES);
  add(
    decideIntake(
      {
        customer: { id: `cust-${complaintId}`, name: 'Alex Morgan', email: null, phone: null, segment: pick(random, SEGMENT_SHARES), language },
        channel: pick(random, CHANNEL_SHARES),
        category: pick(random, CATEGORY_SHARES),
        summary: `Charged twice for invoice 2026/${index}`,
        description: 'My card was charged twice for the same invoice and the second charge has not been refunded.',
        severity: pick(random, SEVERITY_SHARES),
        desiredOutcome: null,
        receivedAt: null,
        callbackUrl: null,
      },
      { complaintId, reference: `CR-B-${String(index).padStart(7, '0')}`, now, actor: DESK, policy, calendar, eventIds: [newId(), newId()] },
    ),
  );

  /** Move the clock on, acting on every deadline that passes; false when it would pass `now` (the case stays open there). */
  const wait = (ms: number): boolean => {
    const until = Math.min(now.getTime() + ms, options.now.getTime());
    for (;;) {
      const timer = nextTimer(current(), policy, calendar);
      if (!timer || timer.at.getTime() > until) break;
      // a deadline already past (set by the step before) fires at once, as the workflow's timer does
      now = new Date(Math.max(now.getTime(), timer.at.getTime()));
      const decided = decideTimer(current(), timer, context({ principal: 'system', role: 'system' }));
      if (decided.length === 0) break; // nothing to act on: no later timer can be earlier than this one
      add(decided);
    }
    now = new Date(until);
    return until < options.now.getTime();
  };
  /** The person who acts: someone at the rung the case is escalated to, taking the case first when another owns it. */
  const person = (): Actor => {
    const rung = policy.escalationLadder[current().escalationLevel] ?? 'agent';
    const pool = rung === 'director' ? DIRECTORS : rung === 'manager' ? MANAGERS : AGENTS;
    const owner = current().owner;
    const principal = pool.includes(owner) ? owner : pool[Math.floor(random() * pool.length)];
    const actor = { principal, role: rung };
    if (owner !== principal) act(() => decideAssignment(current(), { to: principal, toRole: rung }, context(actor)));
    return actor;
  };
  const act = (decide: () => readonly NewEvent[]) => {
    try {
      add(decide());
    } catch (error) {
      if (!(error instanceof ComplaintRuleError)) throw error;
      refused.count += 1;
    }
  };
  const hours = (min: number, max: number) => (min + random() * (max - min)) * HOUR;
  const closed = () => current().status === 'closed';

  const lifecycle = (): void => {
    if (random() < 0.04) {
      if (!wait(hours(2, 72))) return;
      act(() => decideWithdrawal(current(), { reason: 'The bank explained the second charge' }, context(DESK)));
      return;
    }
    if (!wait(hours(0.2, 20))) return;
    person();
    if (random() < 0.9) {
      if (!wait(hours(0.5, 40))) return;
      act(() => decideRecordContact(current(), { kind: pick(random, [['call', 60], ['email', 30], ['letter', 10]] as const), summary: 'Talked the duplicate charge through with the customer' }, context(person())));
    }
    // the agent’s working notes (0 to 18, 9 on average: ~21 events a case, 2.1M for 100,000 cases), each a few hours apart
    for (let note = Math.floor(random() * 19); note > 0; note--) {
      if (!wait(hours(1, 12))) return;
      const actor = person();
      act(() => decideAddNote(current(), { text: `Checked the statement and the card issuer's answer (${note}).` }, { actor, now, eventId: newId() }));
    }
    if (random() < 0.2) {
      act(() => decideRequestInformation(current(), { question: 'Could you send us the card statement showing both charges?' }, context(person())));
      if (!wait(hours(4, 96))) return;
      act(() => decideCustomerMessage(current(), { text: 'Here is the statement with both charges.' }, context(DESK)));
    }
    if (random() < 0.15) {
      const by = new Date(now.getTime() + hours(20, 60));
      act(() => decidePromiseCallback(current(), { by, reason: 'waiting for the card issuer' }, context(person())));
      const keeps = random() < 0.7;
      if (!wait(keeps ? (by.getTime() - now.getTime()) * random() : by.getTime() - now.getTime() + hours(1, 24))) return;
      act(() => decideRecordContact(current(), { kind: 'call', summary: 'Called back as promised with the issuer’s answer' }, context(person())));
    }
    if (random() < 0.15) {
      act(() => decideRevisePromise(current(), { resolveBy: new Date(now.getTime() + hours(72, 240)), reason: 'the card issuer needs more time' }, context(person())));
    }
    if (random() < 0.3) {
      const small = random() < 0.7;
      const minor = small ? 500 + Math.floor(random() * 4_500) : 6_000 + Math.floor(random() * 60_000);
      const currency = pick(random, [['GBP', 60], ['EUR', 30], ['USD', 10]] as const);
      const type = pick(random, [['refund', 60], ['credit', 25], ['goodwill', 15]] as const);
      act(() => decideProposeCompensation(current(), { type, amount: { minor, currency }, rationale: 'The duplicate charge and the trouble it caused' }, context(person())));
      const pending = current().compensation.find((p) => p.status === 'pending_approval');
      if (pending) {
        if (!wait(hours(2, 30))) return;
        const manager = { principal: MANAGERS[Math.floor(random() * MANAGERS.length)], role: 'manager' };
        act(() => decideCompensationDecision(current(), { proposalId: pending.proposalId, decision: random() < 0.8 ? 'approve' : 'reject', reason: 'checked against the statement' }, context(manager)));
      }
    }
    for (let round = 0; round < 3 && !closed(); round++) {
      // most cases within their promised days, a long tail past them (broken promises)
      if (!wait(random() < 0.75 ? hours(4, 100) : hours(100, 400))) return;
      if (closed()) return;
      act(() => decideResolution(current(), { outcome: pick(random, [['upheld', 50], ['partially_upheld', 25], ['rejected', 25]] as const), summary: 'Duplicate charge refunded', responseText: RESPONSE }, context(person())));
      if (current().status !== 'resolved') return;
      const answer = random();
      if (answer < 0.25) {
        // no answer: the satisfaction window closes the case unconfirmed
        wait(30 * DAY);
        return;
      }
      if (!wait(hours(12, 200))) return;
      if (closed()) return;
      act(() => decideSatisfaction(current(), { satisfied: answer < 0.85, score: answer < 0.85 ? 4 : 2 }, context(DESK)));
    }
  };
  lifecycle();
  open = current().status !== 'closed';
  return { complaintId, events, open };
}

/** The schema version each event is stored with. */
export function schemaVersionOf(event: NewEvent): number {
  return CURRENT_SCHEMA_VERSION[event.type];
}
